using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;

namespace ApprovalsPortal.Tests.Components;

public sealed class ContactsTabTests : PortalBunitContext
{
    private PortalUser staff = default!;
    private int accountId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        accountId = (await Portal.CreateAccountAsync(staff, "Contacts Ltd")).AccountId;
        SignInAs(staff, Roles.Staff);
    }

    [Fact]
    public async Task Each_row_shows_whether_the_contact_is_notified()
    {
        var contacts = Portal.Get<ContactService>();
        await contacts.SaveAsync(staff, new ContactInput(null, accountId, "Ann Notified", "ann@client.test", Notify: true, PortalAccess: true));
        await contacts.SaveAsync(staff, new ContactInput(null, accountId, "Bob Quiet", "bob@client.test", Notify: false, PortalAccess: false));

        RenderProviders();
        var tab = Render<ContactsTab>(p => p.Add(t => t.AccountId, accountId));

        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("tbody tr").Count));
        Assert.Contains("Notify", tab.FindAll("thead th").Select(th => th.TextContent.Trim()));
        var rows = tab.FindAll("tbody tr");
        Assert.Contains("Ann Notified", rows[0].TextContent);
        Assert.NotNull(rows[0].QuerySelector("[data-testid=notify-on]"));
        Assert.Contains("Bob Quiet", rows[1].TextContent);
        Assert.NotNull(rows[1].QuerySelector("[data-testid=notify-off]"));
    }

    [Fact]
    public async Task A_contact_a_colleague_adds_or_removes_shows_without_a_reload()
    {
        RenderProviders();
        var tab = Render<ContactsTab>(p => p.Add(t => t.AccountId, accountId));
        tab.WaitForAssertion(() => Assert.Contains("No contacts yet.", tab.Markup));

        var colleague = await Portal.CreateUserAsync(Roles.Staff, "colleague@firm.test", "Cole League");
        var contacts = Portal.Get<ContactService>();
        await contacts.SaveAsync(colleague, new ContactInput(null, accountId, "Cara Live", "cara@client.test", Notify: true, PortalAccess: false));
        tab.WaitForAssertion(() => Assert.Contains("Cara Live", tab.Find("tbody").TextContent), TimeSpan.FromSeconds(30));

        var id = (await contacts.ListAsync(colleague, accountId)).Single().Id;
        await contacts.RemoveAsync(colleague, id);
        tab.WaitForAssertion(() => Assert.Contains("No contacts yet.", tab.Markup), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void An_account_without_contacts_says_what_to_do()
    {
        RenderProviders();
        var tab = Render<ContactsTab>(p => p.Add(t => t.AccountId, accountId));
        tab.WaitForAssertion(() => Assert.Contains("No contacts yet.", tab.Markup));
    }
}
