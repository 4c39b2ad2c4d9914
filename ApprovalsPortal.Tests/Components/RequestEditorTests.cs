using ApprovalsPortal.Features.Requests;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalsPortal.Tests.Components;

/// <summary>The request editor: questions added, reordered, duplicated and removed; messages named; the request sent.</summary>
public sealed class RequestEditorTests : PortalBunitContext
{
    private PortalUser staff = default!;
    private int accountId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff");
        accountId = (await Portal.CreateAccountAsync(staff, "Editor Ltd")).AccountId;
        await Portal.AddPortalContactAsync(staff, accountId, "client@editor.test", "Cleo Client");
        SignInAs(staff, Roles.Staff);
    }

    private IRenderedComponent<RequestEditorPage> RenderEditor()
    {
        RenderProviders();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/requests/new?account={accountId}");
        var page = Render<RequestEditorPage>();
        page.WaitForAssertion(() => Assert.Equal("Editor Ltd", page.Find("[data-testid=request-account-name]").TextContent));
        return page;
    }

    private static List<string> Labels(IRenderedComponent<RequestEditorPage> page) =>
        page.FindAll("[data-testid=question-label] input, input[data-testid=question-label]").Select(i => i.GetAttribute("value") ?? "").ToList();

    /// <summary>Types a question's label; tried again after the next render if the field was just replaced (typing the same text twice is harmless).</summary>
    private static void Label(IRenderedComponent<RequestEditorPage> page, int index, string text) =>
        page.WaitForAssertion(() => page.FindAll("[data-testid=question-label] input, input[data-testid=question-label]")[index].Input(text));

    private void Add(IRenderedComponent<RequestEditorPage> page, QuestionType type)
    {
        page.Find("[data-testid=question-add] button").Click();
        Popovers.WaitForAssertion(() => Popovers.Find($"[data-testid=question-add-{type}]").Click());
    }

    [Fact]
    public void Questions_are_added_reordered_duplicated_and_removed()
    {
        var page = RenderEditor();
        Label(page, 0, "Bank name");
        Add(page, QuestionType.YesNo);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=question-card]").Count));
        Label(page, 1, "Any new loans?");
        page.WaitForAssertion(() => Assert.Equal(["Bank name", "Any new loans?"], Labels(page)));

        // Each click is awaited through the renderer's queue: under load another render (the page's own loading, a popover)
        // may hold the dispatcher when the click arrives, so the change shows a moment later.
        page.FindAll("[data-testid=question-up]")[1].Click();
        page.WaitForAssertion(() => Assert.Equal(["Any new loans?", "Bank name"], Labels(page)));
        page.FindAll("[data-testid=question-duplicate]")[1].Click();
        page.WaitForAssertion(() => Assert.Equal(["Any new loans?", "Bank name", "Bank name (copy)"], Labels(page)));
        page.FindAll("[data-testid=question-remove]")[0].Click();
        page.WaitForAssertion(() => Assert.Equal(["Bank name", "Bank name (copy)"], Labels(page)));
        Assert.Equal(["Question 1", "Question 2"], page.FindAll("[data-testid=question-heading]").Select(h => h.TextContent));
    }

    [Fact]
    public void Sending_names_each_problem_and_sends_nothing_until_they_are_fixed()
    {
        var page = RenderEditor();
        Add(page, QuestionType.SingleChoice);
        page.Find("[data-testid=request-send]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=request-errors]")));
        var errors = page.Find("[data-testid=request-errors]").TextContent;
        Assert.Contains("Enter a title", errors);
        Assert.Contains("Question 1: enter the question.", errors);
        Assert.Contains("Question 2: give at least two options to choose from.", errors);
        using var db = Portal.NewDb();
        Assert.Empty(db.ClientRequests);
    }

    [Fact]
    public async Task A_valid_request_is_sent_to_the_accounts_contacts()
    {
        var page = RenderEditor();
        page.Find("[data-testid=request-title] input, input[data-testid=request-title]").Input("Year-end questions");
        Label(page, 0, "Bank name");
        page.Find("[data-testid=request-send]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/requests/1", Services.GetRequiredService<NavigationManager>().Uri));
        await using var db = Portal.NewDb();
        var request = await db.ClientRequests.Include(r => r.Item).Include(r => r.Questions).SingleAsync();
        Assert.Equal(("Year-end questions", "Bank name", true), (request.Item.Title, request.Questions.Single().Label, request.Questions.Single().Required));
    }
}
