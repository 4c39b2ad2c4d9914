using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApprovalsPortal.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ChatJourneyTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    [Fact]
    public async Task Staff_write_with_reminders_the_client_sees_it_live_and_replies_on_a_phone_and_the_open_thread_shows_the_reply()
    {
        int accountId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            accountId = await db.ClientAccounts.Where(a => a.Name == "Northwind Bakery").Select(a => a.Id).SingleAsync();

        // The client has the portal open on a phone before anything is sent.
        var client = await browser.NewPageAsync(app.BaseUrl, 375, 812);
        await client.SignInAsync(DemoLogins.Client.Email);
        await Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Pending action" })).ToBeVisibleAsync();

        // Staff start a conversation with reminders on.
        var staff = await browser.NewPageAsync(app.BaseUrl);
        await staff.SignInAsync(DemoLogins.Staff.Email);
        await staff.GotoAsync($"/chats/new?account={accountId}");
        await Expect(staff.GetByTestId("chat-account-name")).ToHaveTextAsync("Northwind Bakery");
        await staff.Field("chat-subject").FillAsync("March bank statement");
        await staff.Field("chat-text").FillAsync("Could you send March's statement? The list is at https://example.com/list");
        await staff.Field("chat-reminders").CheckAsync();
        await Expect(staff.Field("chat-interval")).ToHaveValueAsync("3");
        await staff.GetByTestId("chat-send").ClickAsync();
        await Expect(staff.GetByTestId("chat-title")).ToHaveTextAsync("March bank statement");
        await Expect(staff.GetByTestId("chat-reminder-state")).ToContainTextAsync("Reminders: 0 of 1 sent");
        await Expect(staff.GetByTestId("chat-message").Locator("a[href='https://example.com/list']")).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");

        // The client's open portal shows the to-do without a reload; they reply on the phone.
        var todo = client.GetByTestId("pending-action").Filter(new() { HasText = "March bank statement" });
        await Expect(todo).ToContainTextAsync("Message to answer");
        await todo.GetByTestId("pending-open").ClickAsync();
        await Expect(client.GetByTestId("portal-chat-title")).ToHaveTextAsync("March bank statement");
        await Expect(client.GetByTestId("chat-message")).ToHaveCountAsync(1);

        // Another staff message appears in the client's open conversation live.
        await staff.Field("chat-text").FillAsync("Also April's, if you have it.");
        await staff.GetByTestId("chat-send").ClickAsync();
        await Expect(client.GetByTestId("chat-message")).ToHaveCountAsync(2);
        await Expect(client.GetByTestId("chat-message").Nth(1)).ToContainTextAsync("Also April's");

        await client.Field("portal-chat-reply").FillAsync("Sending both tonight. <b>Thanks</b>");
        Assert.True(await client.FitsWidthAsync(), "The conversation is wider than a 375 px screen.");
        await Screenshots.TakeAsync(client, "chat-phone");
        await client.GetByTestId("portal-chat-send").ClickAsync();
        await Expect(client.GetByTestId("chat-message")).ToHaveCountAsync(3);
        await Expect(client.Field("portal-chat-reply")).ToHaveValueAsync("");

        // Staff's open thread shows the reply without a reload, as text; the reminders stopped with the reply.
        await Expect(staff.GetByTestId("chat-message")).ToHaveCountAsync(3);
        await Expect(staff.GetByTestId("chat-message").Nth(2)).ToContainTextAsync("Sending both tonight. <b>Thanks</b>");
        await Expect(staff.GetByTestId("chat-state")).ToHaveTextAsync("Awaiting us");
        await Expect(staff.GetByTestId("chat-reminder-state")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(staff, "chat-thread-staff");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    public void Dispose() => app.Dispose();
}
