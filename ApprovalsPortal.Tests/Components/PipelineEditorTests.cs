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

    private static async Task PromptAsync(IRenderedComponent<MudDialogProvider> dialogs, string text)
    {
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=prompt-field] input, input[data-testid=prompt-field]")));
        dialogs.Find("[data-testid=prompt-field] input, input[data-testid=prompt-field]").Input(text);
        await dialogs.Find("[data-testid=prompt-submit]").ClickAsync(new());
    }

    [Fact]
    public async Task Stages_are_added_renamed_reordered_and_deleted()
    {
        var dialogs = RenderProviders();
        var page = Render<PipelinesPage>();
        page.WaitForAssertion(() => Assert.Equal(["Preparation", "Client review", "Filing"], Stages(page)));

        var add = page.Find("[data-testid=stage-add]").ClickAsync(new());
        await PromptAsync(dialogs, "Done");
        await add;
        page.WaitForAssertion(() => Assert.Equal(["Preparation", "Client review", "Filing", "Done"], Stages(page)));

        var rename = page.FindAll("[data-testid=stage-rename]")[2].ClickAsync(new());
        await PromptAsync(dialogs, "Filed with the authority");
        await rename;
        page.WaitForAssertion(() => Assert.Equal(["Preparation", "Client review", "Filed with the authority", "Done"], Stages(page)));

        await page.FindAll("[data-testid=stage-up]")[1].ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(["Client review", "Preparation", "Filed with the authority", "Done"], Stages(page)));
        Assert.True(page.FindAll("[data-testid=stage-up]")[0].HasAttribute("disabled"));

        var delete = page.FindAll("[data-testid=stage-delete]")[3].ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());
        await delete;
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
        var delete = page.FindAll("[data-testid=stage-delete]")[0].ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());
        await delete;

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

        var settings = page.FindAll("[data-testid=stage-settings]")[1].ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("input[data-testid=stage-automove]")));
        dialogs.Find("input[data-testid=stage-automove]").Change(true);
        dialogs.Find("input[data-testid=stage-automation]").Change(true);
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=stage-folder] input, input[data-testid=stage-folder]")));
        dialogs.Find("[data-testid=stage-folder] input, input[data-testid=stage-folder]").Input("Tax returns");
        dialogs.Find("[data-testid=stage-folder] input, input[data-testid=stage-folder]").Blur();
        dialogs.Find("[data-testid=stage-message] textarea, textarea[data-testid=stage-message]").Change("Please approve.");
        await dialogs.Find("[data-testid=stage-save]").ClickAsync(new());
        await settings;

        page.WaitForAssertion(() => Assert.Contains("automove · requests approval of \"Tax returns\"", page.Find("[data-stage='Client review']").TextContent));
        var stage = (await Portal.Get<PipelineService>().ListAsync(admin)).Single().Stages[1];
        Assert.Equal((true, "Tax returns", "Please approve."), (stage.Automove, stage.Automation!.FolderName, stage.Automation.Message));
    }
}
