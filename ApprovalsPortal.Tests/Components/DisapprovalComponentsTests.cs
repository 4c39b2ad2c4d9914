using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ApprovalsPortal.Tests.Components;

public sealed class DisapprovalComponentsTests : PortalBunitContext
{
    private PortalUser staff = default!;
    private PortalUser client = default!;
    private int documentId;
    private int requestId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        staff = await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test");
        var account = await Portal.CreateAccountAsync(staff, "Reasons Ltd");
        client = await Portal.AddPortalContactAsync(staff, account.AccountId, "client@reasons.test", "Cleo Client");
        documentId = await Portal.UploadAsync(staff, account.AccountId, account.SharedFolderId, "Accounts.pdf", SampleFiles.Pdf());
        requestId = await Portal.Get<ApprovalService>().RequestAsync(staff, documentId, new ApprovalInput("", false, 3, 1));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<DialogResult?> Result)> OpenFormAsync()
    {
        SignInAs(client, Roles.Client);
        var provider = RenderProviders();
        var parameters = new DialogParameters<DisapproveDialog> { { d => d.RequestId, requestId }, { d => d.DocumentName, "Accounts.pdf" } };
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await Services.GetRequiredService<IDialogService>().ShowAsync<DisapproveDialog>("Disapprove", parameters));
        provider.WaitForAssertion(() => Assert.Equal(5, provider.FindAll("[data-testid=disapproval-reasons] input[type=checkbox]").Count));
        return (provider, reference!.Result);
    }

    private static void Choose(IRenderedComponent<MudDialogProvider> form, string reason) =>
        form.FindAll("[data-testid=disapproval-reasons] label").First(l => l.TextContent.Contains(reason)).QuerySelector("input")!.Change(true);

    [Fact]
    public async Task The_form_offers_the_firms_reasons_and_needs_at_least_one()
    {
        var (form, _) = await OpenFormAsync();
        Assert.Equal(["Amounts are wrong", "Information is missing", "Names or details are wrong", "Not what I asked for", "Other"],
            form.FindAll("[data-testid=disapproval-reasons] label").Select(l => l.TextContent.Trim()));

        form.Find("[data-testid=disapproval-submit]").Click();
        form.WaitForAssertion(() => Assert.Equal("Choose at least one reason.", form.Find("[data-testid=disapproval-reason-error]").TextContent));
        await using var db = Portal.NewDb();
        Assert.Equal(ApprovalStatus.Pending, (await db.ApprovalRequests.Include(r => r.Item).SingleAsync()).Status);
    }

    [Fact]
    public async Task Other_makes_the_comment_required()
    {
        var (form, result) = await OpenFormAsync();
        Choose(form, "Other");
        form.Find("[data-testid=disapproval-submit]").Click();
        form.WaitForAssertion(() => Assert.Contains("Tell the firm what is wrong in the comment when you choose \"Other\".", form.Markup));

        form.Find("textarea[data-testid=disapproval-comment], [data-testid=disapproval-comment] textarea").Input("The year is wrong.");
        form.Find("[data-testid=disapproval-submit]").Click();
        await result.WaitAsync(TimeSpan.FromSeconds(30));

        await using var db = Portal.NewDb();
        var request = await db.ApprovalRequests.Include(r => r.Item).Include(r => r.Reasons).SingleAsync();
        Assert.Equal((ApprovalStatus.Disapproved, "The year is wrong."), (request.Status, request.DecisionComment));
        Assert.Equal(["Other"], request.Reasons.Select(r => r.Text));
    }

    [Fact]
    public async Task The_reasons_panel_shows_each_reason_the_comment_and_who_disapproved()
    {
        await Portal.Get<ClientApprovalService>().DisapproveAsync(client, requestId, new DisapprovalInput([1, 2], "Missing the March invoices."));
        SignInAs(staff, Roles.Staff);

        var panel = Render<DisapprovalReasonsPanel>(p => p.Add(x => x.DocumentId, documentId));

        panel.WaitForAssertion(() => Assert.Equal(["Amounts are wrong", "Information is missing"],
            panel.FindAll("[data-testid=disapproval-reason-list] li").Select(li => li.TextContent)));
        Assert.Equal("\"Missing the March invoices.\"", panel.Find("[data-testid=disapproval-comment-text]").TextContent);
        Assert.StartsWith("Disapproved by Cleo Client", panel.Find("[data-testid=disapproval-by]").TextContent.Trim());
    }
}
