using ApprovalsPortal.Features.Administration;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Integration;

public sealed class StaffAdministrationTests : IAsyncLifetime
{
    private PortalServices portal = default!;
    private PortalUser admin = default!;
    private PortalUser staff = default!;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        admin = await portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        staff = await portal.CreateUserAsync(Roles.Staff, "sam@firm.test", "Sam Staff");
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    private StaffUserService Staff => portal.Get<StaffUserService>();

    [Fact]
    public async Task An_invitation_creates_a_login_without_password_emails_a_link_that_sets_one_and_is_logged()
    {
        var link = await Staff.InviteAsync(admin, new StaffInvite(" Nia New ", "nia@firm.test", Roles.Staff));

        var listed = (await Staff.ListAsync(admin)).Single(l => l.Email == "nia@firm.test");
        Assert.Equal(("Nia New", Roles.Staff, true, true), (listed.DisplayName, listed.Role, listed.Invited, listed.Active));
        await using (var db = portal.NewDb())
        {
            var mail = await db.OutboxMessages.SingleAsync(m => m.ToAddress == "nia@firm.test");
            var firm = portal.Get<Microsoft.Extensions.Options.IOptions<ApprovalsPortal.Hosting.PortalOptions>>().Value.FirmName;
            Assert.Equal($"You are invited to {firm}'s portal", mail.Subject);
            Assert.Contains(link, mail.TextBody);
            var entry = await db.AdminAuditEntries.SingleAsync();
            Assert.Equal((AdminArea.StaffUsers, "Ada Admin", "Invited Nia New (nia@firm.test) as Staff"), (entry.Area, entry.ActorName, entry.Details));
        }

        // Made an admin before accepting: the emailed link still works.
        await Staff.ChangeRoleAsync(admin, listed.UserId, Roles.Admin);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        Assert.True((await portal.Get<UserAdministration>().SetPasswordFromInvitationAsync(query["user"]!, query["token"]!, "nia-chosen-password")).Succeeded);
        Assert.Equal(Roles.Admin, (await Staff.ListAsync(admin)).Single(l => l.Email == "nia@firm.test").Role);
        var users = portal.Get<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("nia@firm.test"))!, "nia-chosen-password"));
        Assert.False((await Staff.ListAsync(admin)).Single(l => l.Email == "nia@firm.test").Invited);
    }

    [Fact]
    public async Task Invitations_are_validated_and_an_email_with_a_login_is_refused()
    {
        Assert.Equal(["Enter the person's name.", "Enter a valid email address, such as name@firm.com.", "Choose Admin or Staff."],
            StaffUserService.Validate(new StaffInvite(" ", "not-an-email", "Client")));
        var taken = await Assert.ThrowsAsync<PortalRuleException>(() => Staff.InviteAsync(admin, new StaffInvite("Sam Again", "sam@firm.test", Roles.Staff)));
        Assert.Equal("sam@firm.test already has a login (staff or a client contact's).", taken.Message);
        await Assert.ThrowsAsync<PortalRuleException>(() => Staff.InviteAsync(staff, new StaffInvite("X", "x@firm.test", Roles.Staff)));
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_demoted_nor_deactivated()
    {
        var demote = await Assert.ThrowsAsync<PortalRuleException>(() => Staff.ChangeRoleAsync(admin, admin.UserId, Roles.Staff));
        Assert.Equal("Ada Admin is the firm's only active admin. Make someone else an admin first.", demote.Message);
        var self = await Assert.ThrowsAsync<PortalRuleException>(() => Staff.DeactivateAsync(admin, admin.UserId));
        Assert.Equal("You cannot deactivate your own login. Ask another admin.", self.Message);

        // An admin who was invited but has not chosen a password could not sign in: they do not count either.
        await Staff.InviteAsync(admin, new StaffInvite("Ivy Invited", "ivy@firm.test", Roles.Admin));
        Assert.Equal(demote.Message, (await Assert.ThrowsAsync<PortalRuleException>(() => Staff.ChangeRoleAsync(admin, admin.UserId, Roles.Staff))).Message);

        // With a second admin, one may go; a deactivated admin does not count as the other one.
        var second = await portal.CreateUserAsync(Roles.Admin, "bea@firm.test", "Bea Admin");
        await Staff.DeactivateAsync(admin, second.UserId);
        await Assert.ThrowsAsync<PortalRuleException>(() => Staff.ChangeRoleAsync(admin, admin.UserId, Roles.Staff));
        await Staff.ReactivateAsync(admin, second.UserId);
        await Staff.ChangeRoleAsync(admin, admin.UserId, Roles.Staff);
        Assert.Equal(Roles.Staff, (await portal.Get<UserAdministration>().FindStaffAsync(admin.UserId))!.Role);
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        var second = await portal.CreateUserAsync(Roles.Admin, "bea@firm.test", "Bea Admin");
        var outcomes = await Task.WhenAll(
            Outcome(() => portal.Get<StaffUserService>().ChangeRoleAsync(admin, second.UserId, Roles.Staff)),
            Outcome(() => portal.Get<StaffUserService>().ChangeRoleAsync(second, admin.UserId, Roles.Staff)));
        Assert.Single(outcomes, o => o);
        Assert.Single(await Staff.ListAsync(admin), l => l.IsAdmin);
    }

    private static async Task<bool> Outcome(Func<Task> change)
    {
        try
        {
            await change();
            return true;
        }
        catch (PortalRuleException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_deactivated_login_cannot_sign_in_and_its_sessions_are_revoked_until_reactivated()
    {
        var revocations = portal.Get<SessionRevocations>();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Staff.DeactivateAsync(admin, staff.UserId);

        Assert.True(revocations.IsRevoked(staff.UserId, before));
        var signIn = portal.Get<SignInManager<AppUser>>();
        var user = (await signIn.UserManager.FindByEmailAsync("sam@firm.test"))!;
        Assert.True((await signIn.CheckPasswordSignInAsync(user, "a-long-test-password", lockoutOnFailure: true)).IsNotAllowed);
        Assert.Equal("Deactivated", (await Staff.ListAsync(admin)).Single(l => l.UserId == staff.UserId) switch { { Active: false } => "Deactivated", _ => "Active" });

        await Staff.ReactivateAsync(admin, staff.UserId);
        Assert.False(revocations.IsRevoked(staff.UserId, before));
        // A fresh scope: the first one's UserManager still holds the login as it read it.
        signIn = portal.Get<SignInManager<AppUser>>();
        user = (await signIn.UserManager.FindByEmailAsync("sam@firm.test"))!;
        Assert.True((await signIn.CheckPasswordSignInAsync(user, "a-long-test-password", lockoutOnFailure: true)).Succeeded);

        await using var db = portal.NewDb();
        Assert.Equal(["Reactivated Sam Staff (sam@firm.test)", "Deactivated Sam Staff (sam@firm.test)"],
            await db.AdminAuditEntries.OrderByDescending(e => e.Id).Select(e => e.Details).ToListAsync());
    }

    [Fact]
    public async Task A_password_reset_link_is_emailed_and_the_old_password_works_until_it_is_used()
    {
        var link = await Staff.SendPasswordResetAsync(admin, staff.UserId);
        await using var db = portal.NewDb();
        var mail = await db.OutboxMessages.SingleAsync(m => m.ToAddress == "sam@firm.test");
        Assert.StartsWith("Choose a new password for ", mail.Subject);
        Assert.Contains(link, mail.TextBody);
        var users = portal.Get<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("sam@firm.test"))!, "a-long-test-password"));
        Assert.Equal("Sent Sam Staff (sam@firm.test) a password reset link", (await db.AdminAuditEntries.SingleAsync()).Details);

        // Once the link is used, the new password works and the old one no longer does.
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        Assert.True((await portal.Get<UserAdministration>().SetPasswordFromInvitationAsync(query["user"]!, query["token"]!, "sam-new-password-2026")).Succeeded);
        var fresh = portal.Get<UserManager<AppUser>>();
        var sam = (await fresh.FindByEmailAsync("sam@firm.test"))!;
        Assert.Equal((true, false), (await fresh.CheckPasswordAsync(sam, "sam-new-password-2026"), await fresh.CheckPasswordAsync(sam, "a-long-test-password")));
    }

    [Fact]
    public async Task Users_change_their_own_password_with_the_current_one()
    {
        var administration = portal.Get<UserAdministration>();
        var wrong = await administration.ChangeOwnPasswordAsync(staff.UserId, "not-the-password", "a-brand-new-password");
        Assert.Equal("Your current password is not right.", wrong.Errors.Single().Description);
        Assert.True((await administration.ChangeOwnPasswordAsync(staff.UserId, "a-long-test-password", "a-brand-new-password")).Succeeded);
        var users = portal.Get<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("sam@firm.test"))!, "a-brand-new-password"));
    }

    [Fact]
    public async Task The_administration_log_is_for_admins_newest_first_and_filters_by_area()
    {
        await Staff.SendPasswordResetAsync(admin, staff.UserId);
        await portal.Get<ApprovalsPortal.Features.Approvals.DisapprovalReasonAdmin>().AddAsync(admin, "Wrong period");
        var log = portal.Get<AdminAuditService>();
        var all = await log.ListAsync(admin, null, 0);
        Assert.Equal([AdminArea.DisapprovalReasons, AdminArea.StaffUsers], all.Items.Select(r => r.Area));
        Assert.Equal(2, all.TotalCount);
        Assert.Equal(["Sent Sam Staff (sam@firm.test) a password reset link"], (await log.ListAsync(admin, AdminArea.StaffUsers, 0)).Items.Select(r => r.Details));
        await Assert.ThrowsAsync<PortalRuleException>(() => log.ListAsync(staff, null, 0));
    }
}
