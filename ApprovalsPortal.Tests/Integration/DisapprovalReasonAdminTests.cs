using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>The firm's list of disapproval reasons as admins keep it, and what clients and past decisions see of it.</summary>
public sealed class DisapprovalReasonAdminTests : IAsyncLifetime
{
    private readonly BeforeSaveHook hook = new();
    private PortalServices portal = default!;
    private PortalUser admin = default!;
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private int documentId;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s => s.ConfigureDbContext<ApprovalsPortal.Data.AppDbContext>(o => o.AddInterceptors(hook)));
        admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        staff = await portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        var account = await portal.CreateAccountAsync(staff, "Reasons Ltd");
        client = await portal.AddPortalContactAsync(staff, account.AccountId, "client@reasons.test", "Cleo Client");
        documentId = await portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Accounts.pdf", SampleFiles.Pdf());
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private DisapprovalReasonAdmin Reasons => portal.Get<DisapprovalReasonAdmin>();

    private async Task<string[]> OfferedAsync() =>
        (await portal.Get<ClientApprovalService>().ListReasonOptionsAsync()).Select(r => r.Text).ToArray();

    [Fact]
    public async Task Two_admins_adding_the_same_reason_at_once_get_one_reason_and_a_refusal()
    {
        // The other admin's add lands just as this one begins: between this one's check and its write, were they apart.
        hook.Once(_ => true, () => Reasons.AddAsync(admin, "Sent twice"));

        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => Reasons.AddAsync(admin, "Sent twice"));

        Assert.True(hook.Fired);
        Assert.Equal("The list already has the reason \"Sent twice\".", refused.Message);
        Assert.Single(await OfferedAsync(), r => r == "Sent twice");
        Assert.Equal(["Amounts are wrong", "Information is missing", "Names or details are wrong", "Not what I asked for", "Other", "Sent twice"], await OfferedAsync());
    }

    [Fact]
    public async Task Admins_add_rename_reorder_retire_and_restore_reasons_and_clients_see_the_list_in_order()
    {
        await Reasons.AddAsync(admin, "  Wrong period ");
        var rows = await Reasons.ListAsync(admin);
        var wrongPeriod = rows.Single(r => r.Text == "Wrong period");
        await Reasons.MoveAsync(admin, wrongPeriod.Id, -1);
        await Reasons.RenameAsync(admin, rows.Single(r => r.Text == "Not what I asked for").Id, "Not what we agreed");
        await Reasons.RetireAsync(admin, rows.Single(r => r.Text == "Names or details are wrong").Id);

        Assert.Equal(["Amounts are wrong", "Information is missing", "Not what we agreed", "Wrong period", "Other"], await OfferedAsync());

        await Reasons.RestoreAsync(admin, rows.Single(r => r.Text == "Names or details are wrong").Id);
        Assert.Equal("Names or details are wrong", (await OfferedAsync()).Last());

        await using var db = portal.NewDb();
        Assert.Equal(
        [
            "Added the reason \"Wrong period\"",
            "Moved the reason \"Wrong period\" up",
            "Renamed the reason \"Not what I asked for\" to \"Not what we agreed\"",
            "Retired the reason \"Names or details are wrong\"",
            "Restored the reason \"Names or details are wrong\"",
        ], await db.AdminAuditEntries.Where(e => e.Area == AdminArea.DisapprovalReasons).OrderBy(e => e.Id).Select(e => e.Details).ToListAsync());
    }

    [Fact]
    public async Task Other_always_stays_and_always_needs_a_comment_and_names_are_checked()
    {
        var other = (await Reasons.ListAsync(admin)).Single(r => r.RequiresComment);
        var refused = await Assert.ThrowsAsync<PortalRuleException>(() => Reasons.RetireAsync(admin, other.Id));
        Assert.Equal("\"Other\" stays: it lets clients give a reason that is not in the list, with a comment.", refused.Message);

        var duplicate = await Assert.ThrowsAsync<PortalRuleException>(() => Reasons.AddAsync(admin, "amounts are WRONG"));
        Assert.Equal("The list already has the reason \"amounts are WRONG\".", duplicate.Message);
        Assert.Equal("Enter the reason's words.", DisapprovalReasonAdmin.Validate("  "));
        Assert.Equal("Keep a reason to 200 characters.", DisapprovalReasonAdmin.Validate(new string('x', 201)));
        await Assert.ThrowsAsync<PortalRuleException>(() => Reasons.AddAsync(staff, "From staff"));

        var requestId = await portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
        var noComment = await Assert.ThrowsAsync<PortalRuleException>(() =>
            portal.Get<ClientApprovalService>().DisapproveAsync(client, requestId, new DisapprovalInput([other.Id], "")));
        Assert.Contains("comment", noComment.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_retired_reason_stays_on_past_decisions_and_cannot_be_given_again()
    {
        var amounts = (await Reasons.ListAsync(admin)).Single(r => r.Text == "Amounts are wrong");
        var approvals = portal.Get<ApprovalService>();
        var decisions = portal.Get<ClientApprovalService>();
        var first = await approvals.RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
        await decisions.DisapproveAsync(client, first, new DisapprovalInput([amounts.Id], ""));

        await Reasons.RetireAsync(admin, amounts.Id);
        Assert.Equal(1, (await Reasons.ListAsync(admin)).Single(r => r.Id == amounts.Id).TimesUsed);
        Assert.Equal(["Amounts are wrong"], (await approvals.GetDisapprovalAsync(staff, documentId))!.Reasons);
        Assert.DoesNotContain("Amounts are wrong", await OfferedAsync());

        var second = await approvals.RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
        await Assert.ThrowsAsync<PortalRuleException>(() => decisions.DisapproveAsync(client, second, new DisapprovalInput([amounts.Id], "")));
    }
}
