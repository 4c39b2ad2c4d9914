using ApprovalsPortal.Features.Jobs;

namespace ApprovalsPortal.Tests.Unit;

public sealed class JobFilterUrlTests
{
    [Fact]
    public void A_filter_round_trips_through_the_query_string()
    {
        var filter = new JobFilter { ListView = true, PipelineId = 3, StageId = 9, AssigneeUserId = "u-1", AccountId = 12, Archived = true };
        Assert.Equal("?view=list&pipeline=3&stage=9&assignee=u-1&account=12&archived=true", filter.ToQueryString());
        Assert.Equal(filter, JobFilter.FromQueryString(filter.ToQueryString()));
    }

    [Fact]
    public void The_board_of_the_first_pipeline_is_the_default_and_nonsense_is_ignored()
    {
        Assert.Equal("", new JobFilter().ToQueryString());
        Assert.Equal(new JobFilter(), JobFilter.FromQueryString("?pipeline=abc&stage=-1&view=grid"));
    }

    [Fact]
    public void Archived_jobs_show_in_the_list() => Assert.True(JobFilter.FromQueryString("?archived=true").ListView);
}
