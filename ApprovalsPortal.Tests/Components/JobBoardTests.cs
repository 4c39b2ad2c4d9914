using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Components;

/// <summary>The jobs board: columns and cards, a card dropped on another stage, and the question about waiting requests.</summary>
public sealed class JobBoardTests : PortalBunitContext
{
    private PortalUser admin = default!;
    private PortalUser staff = default!;
    private (int AccountId, int SharedFolderId, int InternalFolderId) account;
    private int pipeline;
    private int[] stages = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        admin = await Portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        account = await Portal.CreateAccountAsync(staff, "Board Bakery Ltd");
        await Portal.AddPortalContactAsync(staff, account.AccountId, "client@board.test");
        var pipelines = Portal.Get<PipelineService>();
        pipeline = await pipelines.CreateAsync(admin, "Tax return");
        stages = [
            await pipelines.AddStageAsync(admin, pipeline, "Preparation"),
            await pipelines.AddStageAsync(admin, pipeline, "Client review"),
            await pipelines.AddStageAsync(admin, pipeline, "Filing"),
        ];
        await pipelines.ConfigureStageAsync(admin, stages[1], automove: true, automation: null);
        SignInAs(staff, Roles.Staff);
    }

    private Task<int> CreateJobAsync(string name, int stage, DateOnly? due = null) =>
        Portal.Get<JobChanges>().CreateAsync(staff, new JobInput(account.AccountId, name, stage, staff.UserId, due));

    private static IEnumerable<string> CardsIn(IRenderedComponent<JobBoardView> board, string stage) =>
        board.FindAll($"[data-testid=board-column][data-stage='{stage}'] [data-testid=job-card]").Select(c => c.GetAttribute("data-job")!);

    private async Task<string> StageOfAsync(int jobId) => (await Portal.Get<JobService>().GetAsync(staff, jobId)).Job.StageName;

    [Fact]
    public async Task Each_stage_is_a_column_with_its_cards_soonest_due_first()
    {
        await CreateJobAsync("Later return", stages[0], new DateOnly(2026, 6, 1));
        await CreateJobAsync("Sooner return", stages[0], new DateOnly(2026, 4, 1));
        var reviewed = await CreateJobAsync("Reviewed return", stages[1]);
        var document = await Portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Return.pdf", SampleFiles.Pdf());
        await Portal.Get<ApprovalService>().RequestAsync(staff, document, new ApprovalInput("", false, 3, 1, reviewed));

        RenderProviders();
        var board = Render<JobBoardView>(p => p.Add(b => b.PipelineId, pipeline));
        board.WaitForAssertion(() => Assert.Equal(3, board.FindAll("[data-testid=board-column]").Count));

        Assert.Equal(["Preparation", "Client review", "Filing"], board.FindAll("[data-testid=board-column]").Select(c => c.GetAttribute("data-stage")));
        Assert.Equal(["Sooner return", "Later return"], CardsIn(board, "Preparation"));
        var card = board.Find("[data-job='Reviewed return']");
        Assert.Contains("Board Bakery Ltd", card.TextContent);
        Assert.Contains("Sam Staff", card.TextContent);
        Assert.Equal("1 pending", card.QuerySelector("[data-testid=card-pending]")!.TextContent.Trim());
        Assert.Empty(CardsIn(board, "Filing"));
        Assert.NotNull(board.Find("[data-stage='Client review'] [aria-label='Automove on']"));
    }

    [Fact]
    public async Task Dropping_a_card_on_another_column_moves_the_job()
    {
        var job = await CreateJobAsync("Draggable return", stages[0]);
        RenderProviders();
        var board = Render<JobBoardView>(p => p.Add(b => b.PipelineId, pipeline));
        board.WaitForAssertion(() => Assert.Single(CardsIn(board, "Preparation")));

        await board.Find(".mud-drop-item").TriggerEventAsync("ondragstart", new DragEventArgs());
        await board.Find($"[data-stage='Filing'] .mud-drop-zone").TriggerEventAsync("ondrop", new DragEventArgs());

        board.WaitForAssertion(() => Assert.Equal(["Draggable return"], CardsIn(board, "Filing")));
        Assert.Equal("Filing", await StageOfAsync(job));
    }

    [Fact]
    public async Task Moving_a_job_whose_requests_still_wait_asks_what_to_do_with_them()
    {
        var job = await CreateJobAsync("Waiting return", stages[1]);
        var document = await Portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Return.pdf", SampleFiles.Pdf());
        await Portal.Get<ApprovalService>().RequestAsync(staff, document, new ApprovalInput("", false, 3, 1, job));
        var dialogs = RenderProviders();
        var board = Render<JobBoardView>(p => p.Add(b => b.PipelineId, pipeline));
        board.WaitForAssertion(() => Assert.Single(CardsIn(board, "Client review")));

        await board.Find(".mud-drop-item").TriggerEventAsync("ondragstart", new DragEventArgs());
        var drop = board.Find($"[data-stage='Filing'] .mud-drop-zone").TriggerEventAsync("ondrop", new DragEventArgs());
        dialogs.WaitForAssertion(() => Assert.Contains("1 request linked to \"Waiting return\" still waits", dialogs.Find("[data-testid=move-summary]").TextContent));
        dialogs.FindAll("[data-testid=move-choice] input")[1].Click();
        dialogs.Find("[data-testid=move-confirm]").Click();
        await drop;

        board.WaitForAssertion(() => Assert.Equal(["Waiting return"], CardsIn(board, "Filing")));
        await using var db = Portal.NewDb();
        Assert.Equal(Features.ActionItems.ActionItemStatus.Cancelled, await db.ActionItems.Where(i => i.JobId == job).Select(i => i.Status).SingleAsync());
    }
}
