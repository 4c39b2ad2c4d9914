using ApprovalsPortal.Components.Shared;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace ApprovalsPortal.Features.DocumentsHub;

public partial class DocumentViewer
{
    [Inject] private DocumentService Documents { get; set; } = default!;
    [Inject] private ApprovalService Approvals { get; set; } = default!;
    [Inject] private ApprovalFlows ApprovalFlows { get; set; } = default!;
    [Inject] private ClientApprovalService Decisions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private BrowserTime BrowserTime { get; set; } = default!;
    [Inject] private Invoices.InvoiceService Invoices { get; set; } = default!;
    [Inject] private Invoices.InvoiceFlows InvoiceFlows { get; set; } = default!;
    [Inject] private Signatures.SignatureService Signatures { get; set; } = default!;
    [Inject] private Signatures.SignatureFlows SignatureFlows { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Parameter, EditorRequired] public int DocumentId { get; set; }

    /// <summary>"View as client": show the document as this client sees it, read-only.</summary>
    [Parameter] public PortalUser? ViewAs { get; set; }

    [Parameter] public string? BackHrefOverride { get; set; }

    /// <summary>Whose eyes the viewer uses for every query: the signed-in user, or the client viewed as.</summary>
    private PortalUser Viewer => ViewAs ?? Actor;

    private DocumentDetails? document;
    private DocumentApprovalState? approval;
    /// <summary>Where the latest request stands; clients never see a request the firm withdrew.</summary>
    private ApprovalStatus? approvalStatus;
    private ClientApprovalPrompt? prompt;
    private string? textPreview;
    private string? decisionMessage;
    private bool notFound;
    private bool showTrail = true;
    private bool showReasons;
    /// <summary>On phones the side panel is a drawer over the document, closed until asked for.</summary>
    private bool drawerOpen;
    private bool focusSide;
    private bool focusToggle;
    private bool fitted;
    private ElementReference viewerRoot;
    private ElementReference sidePanel;
    private int version;
    /// <summary>The invoice a locked document waits for ("Pending payment").</summary>
    private Invoices.DocumentLock? documentLock;
    /// <summary>The document's latest signature request, for staff.</summary>
    private Signatures.SignatureState? signature;

    private bool IsStaff => Viewer.IsStaff;

    private string ViewAsPromptText =>
        $"{ViewAs?.Name} is asked to approve this document" +
        (string.IsNullOrWhiteSpace(prompt?.Message) ? "." : $": \"{prompt.Message}\".") +
        " They would see Approve and Disapprove here.";
    private bool ShowReasonsPanel => IsStaff && showReasons && approvalStatus == ApprovalStatus.Disapproved;
    /// <summary>Whether the side panel shows beside the document on wide screens.</summary>
    private bool SideOpenWide => showTrail || ShowReasonsPanel;
    private string SideClass => "viewer-side" + (SideOpenWide ? "" : " viewer-side-closed") + (drawerOpen ? " viewer-side-drawer-open" : "");
    private string BackHref => BackHrefOverride ?? (!IsStaff ? "/portal" : document is null ? "/accounts" : $"/accounts/{document.ClientAccountId}?tab=documents");

    private string CheckmarkTooltip => approval switch
    {
        { IsPending: true } => "Resend approval request",
        { CannotRequestReason: { } reason } => reason,
        _ => "Request approval",
    };

    private int loadedDocumentId;

    protected override async Task OnParametersSetAsync()
    {
        if (DocumentId != loadedDocumentId)
        {
            // The same viewer instance can be reused for another document: start clean.
            loadedDocumentId = DocumentId;
            textPreview = null;
            decisionMessage = null;
            showReasons = false;
            drawerOpen = false;
            fitted = false;
        }
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (document is not null && !fitted)
        {
            fitted = true;
            await Js.InvokeVoidAsync("approvalsPortal.fitToWindow", viewerRoot);
        }
        if (focusSide)
        {
            focusSide = false;
            await sidePanel.FocusAsync();
        }
        if (focusToggle)
        {
            focusToggle = false;
            await Js.InvokeVoidAsync("approvalsPortal.focusFirst", "[data-testid=viewer-drawer-toggle]");
        }
    }

    private void OpenDrawer()
    {
        drawerOpen = true;
        focusSide = true;
    }

    /// <summary>Closing the drawer gives the focus back to the button that opened it.</summary>
    private void CloseDrawer()
    {
        if (!drawerOpen) return;
        drawerOpen = false;
        focusToggle = true;
    }

    private void OnSideKeyDown(Microsoft.AspNetCore.Components.Web.KeyboardEventArgs e)
    {
        if (e.Key == "Escape") CloseDrawer();
    }

    private void ShowReasons()
    {
        showReasons = true;
        // On a phone the reasons open in the drawer; on a wide screen beside the document (the drawer class is then inert).
        drawerOpen = true;
        focusSide = true;
    }

    protected override bool IsRelevant(PortalEvent portalEvent) => portalEvent.DocumentId == DocumentId;

    protected override Task ReloadAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        document = await Documents.GetAsync(Viewer, DocumentId);
        notFound = document is null;
        if (document is null) return;
        documentLock = document.LockedByInvoiceId is { } lockId ? await Invoices.GetLockAsync(Viewer, lockId) : null;
        if (document.Family == FileFamily.Text && textPreview is null)
            textPreview = await Documents.ReadTextPreviewAsync(Viewer, DocumentId);
        if (IsStaff)
        {
            signature = (await Signatures.ListStatesAsync(Viewer, [DocumentId])).GetValueOrDefault(DocumentId);
            approval = await Approvals.GetStateAsync(Viewer, DocumentId);
            approvalStatus = approval.Current?.Status;
        }
        else
        {
            prompt = await Decisions.GetPromptAsync(Viewer, DocumentId);
            approvalStatus = await Decisions.GetStatusAsync(Viewer, DocumentId);
        }
        version++;
    }

    /// <summary>Clients (and staff viewing as one) see a locked document's name, never its content.</summary>
    private bool ContentHidden => !IsStaff && document!.Locked;

    /// <summary>The invoice's page in the portal, or in the view-as pages when staff look through a client's eyes.</summary>
    private string PortalInvoiceHref(int invoiceId) => (ViewAs is null ? "/portal" : BackHrefOverride ?? "/portal") + $"/invoices/{invoiceId}";

    private bool IsPdf => string.Equals(document!.ContentType, ApprovalsPortal.Features.Signatures.SignatureRules.PdfContentType, StringComparison.OrdinalIgnoreCase);

    private async Task RequestSignaturesAsync()
    {
        if (await SignatureFlows.RequestAsync(DocumentId)) await LoadAsync();
    }

    private async Task LockAsync()
    {
        if (await InvoiceFlows.LockDocumentAsync(DocumentId, document!.ClientAccountId, document.Name, document.LockedByInvoiceId)) await LoadAsync();
    }

    private async Task UnlockAsync()
    {
        if (await InvoiceFlows.UnlockDocumentAsync(DocumentId, document!.Name)) await LoadAsync();
    }

    private async Task RequestOrResendAsync()
    {
        if (await ApprovalFlows.RequestOrResendAsync(DocumentId, approval!.IsPending)) await LoadAsync();
    }

    private async Task EditRemindersAsync()
    {
        if (await ApprovalFlows.EditRemindersAsync(DocumentId)) await LoadAsync();
    }

    private async Task CancelApprovalAsync()
    {
        if (await ApprovalFlows.CancelAsync(DocumentId, document!.Name)) await LoadAsync();
    }

    private async Task OnDecidedAsync(string message)
    {
        decisionMessage = message;
        await LoadAsync();
    }

    private async Task RenameAsync()
    {
        if (await Dialogs.AskNewNameAsync(document!.Name) is not { } name) return;
        if (await RunAsync(() => Documents.RenameAsync(Actor, DocumentId, name), "Document renamed.")) await LoadAsync();
    }

    private async Task EditDescriptionAsync()
    {
        var parameters = new DialogParameters<TextPromptDialog>
        {
            { d => d.Label, "Description" },
            { d => d.Value, document!.Description },
            { d => d.MaxLength, 1000 },
            { d => d.Required, false },
        };
        var dialog = await Dialogs.ShowAsync<TextPromptDialog>("Edit description", parameters, DialogExtensions.Small);
        if (await dialog.Result is not { Canceled: false, Data: string description }) return;
        if (await RunAsync(() => Documents.UpdateDescriptionAsync(Actor, DocumentId, description), "Description saved.")) await LoadAsync();
    }

    private async Task MoveAsync()
    {
        var folders = await Documents.ListFoldersAsync(Actor, document!.ClientAccountId);
        if (await Dialogs.AskTargetFolderAsync(folders, document.FolderId, document.Name) is not { } folderId) return;
        if (await RunAsync(() => Documents.MoveAsync(Actor, DocumentId, folderId), "Document moved.")) await LoadAsync();
    }

    private async Task DeleteAsync()
    {
        if (!await Dialogs.ConfirmDeleteAsync(document!.Name)) return;
        var back = BackHref;
        if (await RunAsync(() => Documents.DeleteAsync(Actor, DocumentId), "Document deleted.")) Navigation.NavigateTo(back);
    }
}
