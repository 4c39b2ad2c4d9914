using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Chats;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Components;

/// <summary>Chat components rendered with MudBlazor over the real services and a real SQLite file.</summary>
public sealed class ChatComponentTests : PortalBunitContext
{
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private int accountId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        accountId = (await Portal.CreateAccountAsync(staff, "Chat Ltd")).AccountId;
        client = await Portal.AddPortalContactAsync(staff, accountId, "cleo@chat.test", "Cleo Client");
    }

    [Fact]
    public void A_message_shows_html_as_text_and_only_web_addresses_as_safe_links()
    {
        var text = Render<MessageText>(p => p.Add(x => x.Text, "<script>alert(1)</script> see https://example.com/a. javascript:alert(2)"));
        Assert.Empty(text.FindAll("script"));
        Assert.Contains("<script>alert(1)</script>", text.Find(".chat-text").TextContent);
        var link = Assert.Single(text.FindAll("a"));
        Assert.Equal("https://example.com/a", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer nofollow", link.GetAttribute("rel"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Fact]
    public void The_composer_names_what_is_wrong_and_keeps_the_text_when_sending_is_refused()
    {
        SignInAs(staff, Roles.Staff);
        RenderProviders();
        string? sent = null;
        var composer = Render<ChatComposer>(p => p.Add(x => x.AccountId, accountId)
            .Add(x => x.Send, (text, _, _) => Task.FromResult<string?>(text.Contains("refuse") ? "Someone wrote at the same moment." : (sent = text) is null ? "" : null)));

        composer.Find("[data-testid=chat-send]").Click();
        composer.WaitForAssertion(() => Assert.Equal("Write a message first.", composer.Find("[data-testid=chat-error]").TextContent.Trim()));

        composer.Find("textarea[data-testid=chat-text], [data-testid=chat-text] textarea").Input("please refuse this");
        composer.Find("[data-testid=chat-send]").Click();
        composer.WaitForAssertion(() => Assert.Equal("Someone wrote at the same moment.", composer.Find("[data-testid=chat-error]").TextContent.Trim()));
        Assert.Equal("please refuse this", composer.Find("textarea[data-testid=chat-text], [data-testid=chat-text] textarea").GetAttribute("value"));

        composer.Find("textarea[data-testid=chat-text], [data-testid=chat-text] textarea").Input("Hello there");
        composer.Find("[data-testid=chat-send]").Click();
        composer.WaitForAssertion(() => Assert.Equal("Hello there", sent));
        composer.WaitForAssertion(() => Assert.Empty(composer.FindAll("[data-testid=chat-error]")));
    }

    [Fact]
    public async Task The_account_tab_filters_by_who_answers_and_keeps_the_filter_in_the_url()
    {
        var chats = Portal.Get<ChatService>();
        var open = await chats.StartAsync(staff, new ChatStartInput(accountId, "Open one", "Hello?", null, ReminderSettings.Off, Array.Empty<StagedUpload>()));
        var archived = await chats.StartAsync(staff, new ChatStartInput(accountId, "Old one", "Done.", null, ReminderSettings.Off, Array.Empty<StagedUpload>()));
        await chats.ArchiveAsync(staff, archived);
        SignInAs(staff, Roles.Staff);
        RenderProviders();

        var tab = Render<AccountChatsTab>(p => p.Add(x => x.AccountId, accountId).Add(x => x.StateParam, "archived"));
        tab.WaitForAssertion(() => Assert.Equal([archived.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            tab.FindAll("[data-testid=chat-row]").Select(r => r.GetAttribute("data-chat-id"))));

        tab.FindAll("[data-testid=account-chats-state] .mud-chip").Single(c => c.TextContent.Contains("Awaiting client")).Click();
        var uri = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri;
        Assert.Contains("chats=client", uri);
        Assert.Contains("tab=chats", uri);
        tab.Render(p => p.Add(x => x.StateParam, "client"));
        tab.WaitForAssertion(() => Assert.Equal([open.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            tab.FindAll("[data-testid=chat-row]").Select(r => r.GetAttribute("data-chat-id"))));
    }

    [Fact]
    public async Task The_client_conversation_sends_a_reply_and_shows_it()
    {
        var id = await Portal.Get<ChatService>().StartAsync(staff, new ChatStartInput(accountId, "Question", "How was March?", null, ReminderSettings.Off, Array.Empty<StagedUpload>()));
        SignInAs(client, Roles.Client);
        RenderProviders();
        var conversation = Render<ClientConversation>(p => p.Add(x => x.Viewer, client).Add(x => x.ThreadId, id));
        conversation.WaitForAssertion(() => Assert.Single(conversation.FindAll("[data-testid=chat-message]")));

        conversation.Find("textarea[data-testid=portal-chat-reply], [data-testid=portal-chat-reply] textarea").Input("Fine, thanks.");
        conversation.Find("[data-testid=portal-chat-send]").Click();
        conversation.WaitForAssertion(() => Assert.Equal(2, conversation.FindAll("[data-testid=chat-message]").Count), TimeSpan.FromSeconds(30));
        Assert.Contains("Fine, thanks.", conversation.FindAll("[data-testid=chat-message]")[1].TextContent);
    }
}
