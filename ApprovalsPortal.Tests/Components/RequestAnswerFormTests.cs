using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Requests;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Components;

/// <summary>The answering form: saved as typed with a visible state, kept and retried when a save fails, live for two answerers.</summary>
public sealed class RequestAnswerFormTests : PortalBunitContext
{
    private readonly BeforeSaveHook hook = new();
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private PortalUser partner = default!;
    private int requestId;

    protected override void ConfigurePortal(IServiceCollection services) =>
        services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(hook));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        var account = await Portal.CreateAccountAsync(staff, "Answers Ltd");
        client = await Portal.AddPortalContactAsync(staff, account.AccountId, "client@answers.test", "Cleo Client");
        partner = await Portal.AddPortalContactAsync(staff, account.AccountId, "partner@answers.test", "Pat Partner");
        requestId = await Portal.Get<RequestService>().CreateAsync(staff, new RequestInput(account.AccountId, "Year-end questions", "", null,
            [new(QuestionType.ShortText, "Bank name", Required: true), new(QuestionType.LongText, "Anything else?"), new(QuestionType.Number, "Closing balance", Required: true)],
            [], ReminderSettings.Off, null));
        SignInAs(client, Roles.Client);
    }

    private IRenderedComponent<RequestAnswerForm> RenderForm(PortalUser viewer)
    {
        var form = Render<RequestAnswerForm>(p => p.Add(f => f.RequestId, requestId).Add(f => f.Viewer, viewer));
        form.WaitForAssertion(() => Assert.Equal("Year-end questions", form.Find("[data-testid=answer-title]").TextContent));
        return form;
    }

    private static AngleSharp.Dom.IElement Question(IRenderedComponent<RequestAnswerForm> form, string label) =>
        form.Find($"[data-testid=answer-question][data-question='{label}']");

    private async Task<string?> SavedAnswerAsync(string label)
    {
        await using var db = Portal.NewDb();
        return await db.RequestAnswers.Where(a => a.ClientRequestId == requestId && db.RequestQuestions.Any(q => q.Id == a.QuestionId && q.Label == label))
            .Select(a => a.Value).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task An_answer_is_saved_after_a_pause_in_typing_and_says_so()
    {
        var form = RenderForm(client);

        Question(form, "Bank name").QuerySelector("input")!.Input("Harbor Savings");
        form.WaitForAssertion(() => Assert.Equal("Saved", Question(form, "Bank name").QuerySelector("[data-testid=answer-field-state]")?.TextContent));
        Assert.Equal("Harbor Savings", await SavedAnswerAsync("Bank name"));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=answer-all-saved]")));
        Assert.Equal(RequestStatus.InProgress, (await Portal.Get<RequestService>().GetAsync(staff, requestId)).Status);
    }

    [Fact]
    public async Task A_failed_save_keeps_the_text_warns_and_saves_it_on_a_later_try()
    {
        hook.Once(db => db.ChangeTracker.Entries<RequestAnswer>().Any(), () => throw new IOException("The disk is busy."));
        var form = RenderForm(client);

        Question(form, "Bank name").QuerySelector("input")!.Input("Harbor Savings");
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=answer-save-warning]")));
        Assert.Contains("Trying again", Question(form, "Bank name").QuerySelector("[data-testid=answer-field-state]")!.TextContent);
        Assert.Equal("Harbor Savings", Question(form, "Bank name").QuerySelector("input")!.GetAttribute("value"));
        Assert.True(hook.Fired);

        form.WaitForAssertion(() => Assert.Equal("Saved", Question(form, "Bank name").QuerySelector("[data-testid=answer-field-state]")?.TextContent));
        Assert.Empty(form.FindAll("[data-testid=answer-save-warning]"));
        Assert.Equal("Harbor Savings", await SavedAnswerAsync("Bank name"));
    }

    [Fact]
    public async Task A_value_that_does_not_fit_stays_in_the_field_with_its_reason()
    {
        var form = RenderForm(client);
        Question(form, "Closing balance").QuerySelector("input")!.Input("about a thousand");
        form.WaitForAssertion(() => Assert.Contains("Enter a number, such as 1250.50.", Question(form, "Closing balance").TextContent));
        Assert.Equal("about a thousand", Question(form, "Closing balance").QuerySelector("input")!.GetAttribute("value"));
        Assert.Null(await SavedAnswerAsync("Closing balance"));
    }

    [Fact]
    public async Task Another_contacts_saved_answer_appears_live_and_submitting_names_what_is_missing()
    {
        var form = RenderForm(client);
        await using (var db = Portal.NewDb())
        {
            var question = await db.RequestQuestions.Where(q => q.ClientRequestId == requestId && q.Label == "Anything else?").Select(q => q.Id).SingleAsync();
            await Portal.Get<RequestAnswering>().SaveAnswerAsync(RequestAnswerer.ForClient(partner), requestId, question, "We moved office in May.");
        }
        form.WaitForAssertion(() => Assert.Equal("We moved office in May.", Question(form, "Anything else?").QuerySelector("textarea")!.TextContent.Trim()
                                                                                        is { Length: > 0 } text ? text : Question(form, "Anything else?").QuerySelector("textarea")!.GetAttribute("value")));

        form.Find("[data-testid=answer-submit]").Click();
        form.WaitForAssertion(() => Assert.Equal("Please answer these before submitting: \"Bank name\", \"Closing balance\".",
            form.Find("[data-testid=answer-submit-error]").TextContent.Trim()));
    }

    [Fact]
    public void Staff_viewing_as_the_client_see_the_request_read_only()
    {
        var form = RenderForm(client with { ReadOnly = true, IsClient = false });
        Assert.Contains("read-only view", form.Find("[data-testid=answer-readonly]").TextContent);
        Assert.Empty(form.FindAll("input"));
        Assert.Empty(form.FindAll("[data-testid=answer-submit]"));
    }
}
