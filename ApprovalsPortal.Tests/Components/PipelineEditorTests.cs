using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApprovalsPortal.Tests.Components;

/// <summary>The pipeline editor: stages added, renamed, reordered and deleted, a stage holding jobs kept, and its automation set.</summary>
public sealed class PipelineEditorTests : PortalBunitContext
{
    private PortalUser admin = default!;
    private int pipeline;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        admin = await Portal.CreateUserAsync(Roles.Admin, "admin@firm.test", "Ada Admin");
        pipeline = await Portal.Get<PipelineService>().CreateAsync(admin, "Tax return");
        foreach (var name in new[] { "Preparation", "Client review", "Filing" }) await Portal.Get<PipelineService>().AddStageAsync(admin, pipeline, name);
        SignInAs(admin, Roles.Admin);
    }

    private static List<string> Stages(IRenderedComponent<PipelinesPage> page) =>
        page.FindAll("[data-testid=pipeline-stage]").Select(s => s.GetAttribute("data-stage")!).ToList();

    private static void Prompt(IRenderedComponent<MudDialogProvider> dialogs, string text)
    {
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=prompt-field] input, input[data-testid=prompt-field]")));
        dialogs.Find("[data-testid=prompt-field] input, input[data-testid=prompt-field]").Input(text);
        dialogs.Find("[data-testid=prompt-submit]").Click();
    }

    /// <summary>Clicks the n-th button of a kind; a live reload landing between finding and clicking means finding it again.</summary>
    private static void ClickNth(IRenderedComponent<PipelinesPage> page, string testId, int index) =>
        page.WaitForAssertion(() => page.FindAll($"[data-testid={testId}]")[index].Click());

    [Fact]
    public void Stages_are_added_renamed_reordered_and_deleted()
    {
        var dialogs = RenderProviders();
        var page = Render<PipelinesPage>();
        page.WaitForAssertion(() => Assert.Equal(["Preparation", "Client review", "Filing"], Stages(page)));

        ClickNth(page, "stage-add", 0);
        Prompt(dialogs, "Done");
        page.WaitForAssertion(() => Assert.Equal(["Preparation", "Client review", "Filing", "Done"], Stages(page)));

        ClickNth(page, "stage-rename", 2);
        Prompt(dialogs, "Filed with the authority");
        page.WaitForAssertion(() => Assert.Equal(["Preparation", "Client review", "Filed with the authority", "Done"], Stages(page)));

        ClickNth(page, "stage-up", 1);
        page.WaitForAssertion(() => Assert.Equal(["Client review", "Preparation", "Filed with the authority", "Done"], Stages(page)));
        Assert.True(page.FindAll("[data-testid=stage-up]")[0].HasAttribute("disabled"));

        ClickNth(page, "stage-delete", 3);
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());
        page.WaitForAssertion(() => Assert.Equal(["Client review", "Preparation", "Filed with the authority"], Stages(page)));
    }

    [Fact]
    public async Task A_stage_holding_jobs_stays_and_the_message_says_how_many()
    {
        var staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        var account = await Portal.CreateAccountAsync(staff, "Holding Ltd");
        var stage = (await Portal.Get<PipelineService>().ListAsync(admin)).Single().Stages[0].Id;
        for (var i = 0; i < 3; i++) await Portal.Get<JobChanges>().CreateAsync(staff, new JobInput(account.AccountId, $"Job {i}", stage, null, null));

        var dialogs = RenderProviders();
        var page = Render<PipelinesPage>();
        page.WaitForAssertion(() => Assert.Contains("3 active jobs", page.Find("[data-stage=Preparation]").TextContent));
        ClickNth(page, "stage-delete", 0);
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());

        var snackbar = Services.GetRequiredService<ISnackbar>();
        page.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars,
            s => s.Message == "The stage \"Preparation\" holds 3 jobs (archived ones included): move them to another stage before deleting it."));
        Assert.Equal(["Preparation", "Client review", "Filing"], Stages(page));
    }

    [Fact]
    public async Task A_stages_automove_and_automation_are_set_in_its_settings()
    {
        var dialogs = RenderProviders();
        var page = Render<PipelinesPage>();
        page.WaitForAssertion(() => Assert.Equal(3, Stages(page).Count));

        ClickNth(page, "stage-settings", 1);
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=stage-automove]")));
        dialogs.Find("input[data-testid=stage-automove]").Change(true);
        dialogs.Find("input[data-testid=stage-automation]").Change(true);
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=stage-folder] input, input[data-testid=stage-folder]")));
        dialogs.Find("[data-testid=stage-folder] input, input[data-testid=stage-folder]").Input("Tax returns");
        dialogs.Find("[data-testid=stage-folder] input, input[data-testid=stage-folder]").Blur();
        dialogs.Find("[data-testid=stage-message] textarea, textarea[data-testid=stage-message]").Change("Please approve.");
        dialogs.Find("[data-testid=stage-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("automove · requests approval of \"Tax returns\"", page.Find("[data-stage='Client review']").TextContent));
        var stage = (await Portal.Get<PipelineService>().ListAsync(admin)).Single().Stages[1];
        Assert.Equal((true, "Tax returns", "Please approve."), (stage.Automove, stage.Automation!.FolderName, stage.Automation.Message));
    }
}
