using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.DocumentsHub;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// What each filter means, on a small firm whose answers are known:
/// Alpha: A-pending (Sam, requested 1 Mar), A-approved (Pat), A-disapproved (Sam), A-plain (Sam, no request);
/// Beta: B-pending (Pat, requested 10 Mar), B-cancelled (Sam); and Old-file, untouched for 40 days.
/// </summary>
public sealed class DocumentsHubFilterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 20, 9, 0, 0, TimeSpan.Zero));
    private PortalServices portal = default!;
    private PortalUser sam = default!;
    private PortalUser pat = default!;
    private int alpha, beta;
    private readonly Dictionary<string, int> ids = [];

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        sam = await portal.CreateUserAsync(Roles.Staff, "sam@firm.test", "Sam Staff");
        pat = await portal.CreateUserAsync(Roles.Admin, "pat@firm.test", "Pat Partner");
        var a = await portal.CreateAccountAsync(sam, "Alpha Ltd");
        var b = await portal.CreateAccountAsync(sam, "Beta Ltd");
        (alpha, beta) = (a.AccountId, b.AccountId);
        var alphaClient = await portal.AddPortalContactAsync(sam, alpha, "client@alpha.test");
        var betaClient = await portal.AddPortalContactAsync(sam, beta, "client@beta.test");

        ids["Old-file.pdf"] = await portal.UploadAsync(sam, alpha, a.SharedFolderId, "Old-file.pdf", SampleFiles.Pdf());
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        async Task<int> Upload(PortalUser who, (int AccountId, int SharedFolderId, int InternalFolderId) account, string name)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            return ids[name] = await portal.UploadAsync(who, account.AccountId, account.SharedFolderId, name, SampleFiles.Pdf());
        }
        var approvals = portal.Get<ApprovalService>();
        var decisions = portal.Get<ClientApprovalService>();
        var input = new ApprovalInput("", false, 3, 1);

        await approvals.RequestAsync(sam, await Upload(sam, a, "A-pending.pdf"), input);
        var approved = await approvals.RequestAsync(pat, await Upload(pat, a, "A-approved.pdf"), input);
        var disapproved = await approvals.RequestAsync(sam, await Upload(sam, a, "A-disapproved.pdf"), input);
        await Upload(sam, a, "A-plain.pdf");
        var cancelledDoc = await Upload(sam, b, "B-cancelled.pdf");
        await approvals.RequestAsync(sam, cancelledDoc, input);
        await approvals.CancelAsync(sam, cancelledDoc);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await approvals.RequestAsync(pat, await Upload(pat, b, "B-pending.pdf"), input);
        clock.Advance(TimeSpan.FromHours(1));
        await decisions.ApproveAsync(alphaClient, approved);
        clock.Advance(TimeSpan.FromHours(1));
        await decisions.DisapproveAsync(alphaClient, disapproved, new DisapprovalInput([1], ""));
        _ = betaClient;
    }

    private async Task<string[]> NamesAsync(HubFilter filter)
    {
        var page = await portal.Get<DocumentsHubService>().QueryAsync(sam, filter, 0, 50);
        Assert.Equal(page.Items.Count, page.TotalCount);
        return page.Items.Select(r => r.Name).ToArray();
    }

    private static HashSet<HubStatus> Statuses(params HubStatus[] statuses) => statuses.ToHashSet();

    [Fact]
    public async Task Recent_lists_the_last_30_days_with_the_latest_activity_first()
    {
        // The two decisions are the latest activity; the 40-day-old file is out.
        Assert.Equal(["A-disapproved.pdf", "A-approved.pdf", "B-pending.pdf", "B-cancelled.pdf", "A-plain.pdf", "A-pending.pdf"],
            await NamesAsync(new HubFilter()));
    }

    [Fact]
    public async Task The_30_day_window_includes_day_30_and_activity_brings_a_document_back()
    {
        var now = clock.GetUtcNow();
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 9, 40, 0, TimeSpan.Zero).AddDays(30)); // A-plain was uploaded at 09:40 on 1 Mar
        Assert.Contains("A-plain.pdf", await NamesAsync(new HubFilter()));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.DoesNotContain("A-plain.pdf", await NamesAsync(new HubFilter()));

        await portal.Get<ApprovalsPortal.Features.Documents.DocumentService>().RenameAsync(sam, ids["A-plain.pdf"], "A-plain-renamed.pdf");
        Assert.Equal("A-plain-renamed.pdf", (await NamesAsync(new HubFilter())).First());
        _ = now;
    }

    [Fact]
    public async Task Approvals_lists_every_document_with_a_request_newest_request_first()
    {
        Assert.Equal(["B-pending.pdf", "B-cancelled.pdf", "A-disapproved.pdf", "A-approved.pdf", "A-pending.pdf"],
            await NamesAsync(new HubFilter { Tab = HubTab.Approvals }));
        Assert.Equal(["A-pending.pdf", "A-approved.pdf", "A-disapproved.pdf", "B-cancelled.pdf", "B-pending.pdf"],
            await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Sort = HubSort.RequestedAsc }));
        Assert.Equal("A-disapproved.pdf", (await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Sort = HubSort.DisapprovedDesc })).First());
    }

    [Theory]
    [InlineData(new[] { HubStatus.PendingApproval }, new[] { "B-pending.pdf", "A-pending.pdf" })]
    [InlineData(new[] { HubStatus.Approved }, new[] { "A-approved.pdf" })]
    [InlineData(new[] { HubStatus.Disapproved }, new[] { "A-disapproved.pdf" })]
    [InlineData(new[] { HubStatus.PendingApproval, HubStatus.Disapproved }, new[] { "B-pending.pdf", "A-disapproved.pdf", "A-pending.pdf" })]
    [InlineData(new[] { HubStatus.PendingApproval, HubStatus.Approved, HubStatus.Disapproved }, new[] { "B-pending.pdf", "A-disapproved.pdf", "A-approved.pdf", "A-pending.pdf" })]
    [InlineData(new[] { HubStatus.PendingPayment }, new string[0])]
    [InlineData(new[] { HubStatus.PendingPayment, HubStatus.Approved }, new[] { "A-approved.pdf" })]
    public async Task Approval_statuses_combine_as_either_of(HubStatus[] statuses, string[] expected)
    {
        Assert.Equal(expected, await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Statuses = Statuses(statuses) }));
    }

    [Fact]
    public async Task Pending_payment_lists_locked_documents_alone_or_beside_approval_statuses()
    {
        var invoices = portal.Get<ApprovalsPortal.Features.Invoices.InvoiceService>();
        var draft = await invoices.CreateDraftAsync(sam, new ApprovalsPortal.Features.Invoices.InvoiceInput(alpha, null, new DateOnly(2026, 1, 20), new DateOnly(2026, 2, 20),
            [new("Accounts", 1m, 500m, 0m)], ""));
        await invoices.SendAsync(sam, draft, new ApprovalsPortal.Features.Invoices.InvoiceSending("", new ApprovalsPortal.Features.ActionItems.ReminderSettings(false, 3, 1)));
        var documents = portal.Get<ApprovalsPortal.Features.Documents.DocumentService>();
        await documents.LockAsync(sam, ids["A-plain.pdf"], draft);
        await documents.LockAsync(sam, ids["A-pending.pdf"], draft);

        Assert.Equal(["A-plain.pdf", "A-pending.pdf"], await NamesAsync(new HubFilter { Statuses = Statuses(HubStatus.PendingPayment) }));
        // The Approvals tab lists documents with a request only.
        Assert.Equal(["A-pending.pdf"], await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Statuses = Statuses(HubStatus.PendingPayment) }));
        Assert.Equal(["A-approved.pdf", "A-pending.pdf"], await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Statuses = Statuses(HubStatus.PendingPayment, HubStatus.Approved) }));
        Assert.Empty(await NamesAsync(new HubFilter { AccountId = beta, Statuses = Statuses(HubStatus.PendingPayment) }));

        var rows = await portal.Get<DocumentsHubService>().QueryAsync(sam, new HubFilter { Statuses = Statuses(HubStatus.PendingPayment) }, 0, 50);
        Assert.All(rows.Items, r => Assert.Equal("INV-0001", r.LockedBy));
    }

    [Fact]
    public async Task Account_uploader_dates_and_name_narrow_the_list_together()
    {
        Assert.Equal(["A-disapproved.pdf", "A-approved.pdf", "A-pending.pdf"], await NamesAsync(new HubFilter { Tab = HubTab.Approvals, AccountId = alpha }));
        Assert.Equal(["A-pending.pdf"], await NamesAsync(new HubFilter { Tab = HubTab.Approvals, AccountId = alpha, Statuses = Statuses(HubStatus.PendingApproval) }));
        Assert.Equal(["B-pending.pdf", "A-approved.pdf"], await NamesAsync(new HubFilter { Tab = HubTab.Approvals, UploadedByUserId = pat.UserId }));
        Assert.Equal(["B-pending.pdf"], await NamesAsync(new HubFilter { Tab = HubTab.Approvals, RequestedFrom = new DateOnly(2026, 3, 5), RequestedTo = new DateOnly(2026, 3, 10) }));
        Assert.Equal(["B-cancelled.pdf", "A-disapproved.pdf", "A-approved.pdf", "A-pending.pdf"], await NamesAsync(new HubFilter { Tab = HubTab.Approvals, RequestedTo = new DateOnly(2026, 3, 1) }));
        Assert.Equal(["A-plain.pdf"], await NamesAsync(new HubFilter { NameContains = "plain" }));
        Assert.Equal(["A-pending.pdf"], await NamesAsync(new HubFilter { NameContains = "a-PEND" }));
        // A date filter needs a request: documents without one do not match it.
        Assert.DoesNotContain("A-plain.pdf", await NamesAsync(new HubFilter { RequestedFrom = new DateOnly(2026, 1, 1) }));
    }

    [Fact]
    public async Task Filters_also_combine_on_the_recent_tab()
    {
        Assert.Equal(["A-disapproved.pdf"], await NamesAsync(new HubFilter { Statuses = Statuses(HubStatus.Disapproved) }));
        Assert.Equal(["B-pending.pdf", "A-pending.pdf"], await NamesAsync(new HubFilter { Statuses = Statuses(HubStatus.PendingApproval) }));
        Assert.Equal(["A-disapproved.pdf", "A-pending.pdf"], await NamesAsync(new HubFilter { UploadedByUserId = sam.UserId, Statuses = Statuses(HubStatus.PendingApproval, HubStatus.Disapproved) }));
    }

    [Fact]
    public async Task A_document_requested_again_leaves_disapproved_and_a_deleted_one_leaves_every_list()
    {
        await portal.Get<ApprovalService>().RequestAsync(sam, ids["A-disapproved.pdf"], new ApprovalInput("", false, 3, 1));
        Assert.Empty(await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Statuses = Statuses(HubStatus.Disapproved) }));
        Assert.Contains("A-disapproved.pdf", await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Statuses = Statuses(HubStatus.PendingApproval) }));

        await portal.Get<ApprovalsPortal.Features.Documents.DocumentService>().DeleteAsync(sam, ids["B-pending.pdf"]);
        foreach (var filter in new[] { new HubFilter(), new HubFilter { Tab = HubTab.Approvals }, new HubFilter { Tab = HubTab.ByClient, AccountId = beta } })
            Assert.DoesNotContain("B-pending.pdf", await NamesAsync(filter));
    }

    [Fact]
    public async Task Requested_between_means_the_readers_calendar_days()
    {
        // B-pending was requested at 09:00 UTC on 10 March: still 9 March in Honolulu (UTC-10).
        var honolulu = TimeZoneInfo.CreateCustomTimeZone("Test/UTC-10", TimeSpan.FromHours(-10), "UTC-10", "UTC-10");
        var tenth = new HubFilter { Tab = HubTab.Approvals, RequestedFrom = new DateOnly(2026, 3, 10), RequestedTo = new DateOnly(2026, 3, 10) };
        var ninth = tenth with { RequestedFrom = new DateOnly(2026, 3, 9), RequestedTo = new DateOnly(2026, 3, 9) };
        var hub = portal.Get<DocumentsHubService>();
        Assert.Equal(["B-pending.pdf"], (await hub.QueryAsync(sam, tenth, 0, 50)).Items.Select(r => r.Name));
        Assert.Empty((await hub.QueryAsync(sam, tenth, 0, 50, zone: honolulu)).Items);
        Assert.Equal(["B-pending.pdf"], (await hub.QueryAsync(sam, ninth, 0, 50, zone: honolulu)).Items.Select(r => r.Name));
    }

    [Fact]
    public async Task Sorting_by_disapproval_puts_documents_never_disapproved_last_either_way()
    {
        Assert.Equal("A-disapproved.pdf", (await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Sort = HubSort.DisapprovedAsc })).First());
        Assert.Equal("A-disapproved.pdf", (await NamesAsync(new HubFilter { Tab = HubTab.Approvals, Sort = HubSort.DisapprovedDesc })).First());
    }

    [Fact]
    public async Task By_client_needs_an_account_and_then_lists_all_of_its_documents()
    {
        Assert.Empty(await NamesAsync(new HubFilter { Tab = HubTab.ByClient }));
        Assert.Equal(["B-pending.pdf", "B-cancelled.pdf"], await NamesAsync(new HubFilter { Tab = HubTab.ByClient, AccountId = beta }));
        // By client is not limited to 30 days.
        Assert.Contains("Old-file.pdf", await NamesAsync(new HubFilter { Tab = HubTab.ByClient, AccountId = alpha }));
    }

    [Fact]
    public async Task Rows_carry_the_request_and_its_reminders_and_pages_are_cut_in_the_database()
    {
        var page = await portal.Get<DocumentsHubService>().QueryAsync(sam, new HubFilter { Tab = HubTab.Approvals }, 1, 2);
        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["A-disapproved.pdf", "A-approved.pdf"], page.Items.Select(r => r.Name));
        var disapproved = page.Items[0];
        Assert.Equal(("Alpha Ltd", ApprovalStatus.Disapproved, "Sam Staff"), (disapproved.AccountName, disapproved.Status, disapproved.UploadedByName));
        Assert.NotNull(disapproved.DisapprovedAt);
    }

    [Fact]
    public async Task Clients_cannot_query_the_hub()
    {
        var client = await portal.CreateUserAsync(Roles.Client, "someone@client.test");
        await Assert.ThrowsAsync<ApprovalsPortal.Features.Shared.PortalRuleException>(() => portal.Get<DocumentsHubService>().QueryAsync(client, new HubFilter(), 0, 50));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();
}
