using ApprovalsPortal.Features.DocumentsHub;

namespace ApprovalsPortal.Tests.Unit;

public sealed class HubFilterUrlTests
{
    [Fact]
    public void Every_filter_survives_the_trip_through_the_url()
    {
        var filter = new HubFilter
        {
            Tab = HubTab.Approvals,
            Statuses = new HashSet<HubStatus> { HubStatus.Disapproved, HubStatus.PendingApproval, HubStatus.PendingPayment },
            AccountId = 42,
            UploadedByUserId = "b7c1e0a2-user",
            RequestedFrom = new DateOnly(2026, 1, 31),
            RequestedTo = new DateOnly(2026, 2, 28),
            NameContains = "Q1 & Q2 / 50%",
            Sort = HubSort.DisapprovedAsc,
        };

        var query = filter.ToQueryString();
        var back = HubFilter.FromQueryString(query);

        Assert.Equal("?tab=approvals&status=payment,pending,disapproved&account=42&uploadedBy=b7c1e0a2-user&from=2026-01-31&to=2026-02-28&name=Q1%20%26%20Q2%20%2F%2050%25&sort=disapproved_asc", query);
        Assert.Equal(filter.Tab, back.Tab);
        Assert.True(filter.Statuses.SetEquals(back.Statuses));
        Assert.Equal((filter.AccountId, filter.UploadedByUserId, filter.RequestedFrom, filter.RequestedTo, filter.NameContains, filter.Sort),
            (back.AccountId, back.UploadedByUserId, back.RequestedFrom, back.RequestedTo, back.NameContains, back.Sort));
    }

    [Fact]
    public void The_page_is_in_the_url_one_based_and_not_part_of_the_list_key()
    {
        var third = new HubFilter { Tab = HubTab.Approvals, Page = 2 };
        Assert.Equal("?tab=approvals&page=3", third.ToQueryString());
        Assert.Equal(2, HubFilter.FromQueryString("?tab=approvals&page=3").Page);
        Assert.Equal(0, HubFilter.FromQueryString("?page=0").Page);
        Assert.Equal(new HubFilter { Tab = HubTab.Approvals }.ListKey, third.ListKey);
        Assert.NotEqual(new HubFilter().ListKey, third.ListKey);
    }

    [Fact]
    public void No_filters_make_an_empty_query()
    {
        Assert.Equal("", new HubFilter().ToQueryString());
        Assert.False(HubFilter.FromQueryString("").HasFilters);
        Assert.Equal(HubTab.Recent, HubFilter.FromQueryString(null).Tab);
    }

    [Fact]
    public void Hand_edited_or_broken_urls_are_read_as_far_as_they_make_sense()
    {
        var filter = HubFilter.FromQueryString("?tab=nope&status=pending,bogus&account=abc&from=31/01/2026&to=2026-02-30&sort=sideways&name=%20");
        Assert.Equal(HubTab.Recent, filter.Tab);
        Assert.Equal([HubStatus.PendingApproval], filter.Statuses);
        Assert.Null(filter.AccountId);
        Assert.Null(filter.RequestedFrom);
        Assert.Null(filter.RequestedTo);
        Assert.Null(filter.Sort);
        Assert.Null(filter.NameContains);
    }

    [Fact]
    public void Reset_clears_the_filters_but_keeps_the_tab_and_the_by_client_account()
    {
        var byClient = new HubFilter { Tab = HubTab.ByClient, AccountId = 7, Statuses = new HashSet<HubStatus> { HubStatus.Approved }, NameContains = "x" }.Reset();
        Assert.Equal((HubTab.ByClient, (int?)7, false), (byClient.Tab, byClient.AccountId, byClient.Statuses.Count > 0));
        var approvals = new HubFilter { Tab = HubTab.Approvals, AccountId = 7 }.Reset();
        Assert.Null(approvals.AccountId);
        Assert.False(approvals.HasFilters);
    }
}

public sealed class AccountApprovalFilterUrlTests
{
    [Fact]
    public void The_accounts_approvals_filter_round_trips_and_ignores_unknown_words()
    {
        var chosen = new[] { ApprovalsPortal.Features.AccountsHub.AccountApprovalFilter.Disapproved, ApprovalsPortal.Features.AccountsHub.AccountApprovalFilter.PendingApproval };
        Assert.Equal("pending,disapproved", ApprovalsPortal.Features.AccountsHub.AccountApprovalFilters.Format(chosen));
        Assert.True(ApprovalsPortal.Features.AccountsHub.AccountApprovalFilters.Parse("pending, disapproved,bogus").SetEquals(chosen));
        Assert.Null(ApprovalsPortal.Features.AccountsHub.AccountApprovalFilters.Format([]));
        Assert.Empty(ApprovalsPortal.Features.AccountsHub.AccountApprovalFilters.Parse(null));
    }
}
