namespace ApprovalsPortal.Features.Approvals;

public enum ApprovalDialogMode
{
    /// <summary>Sends a new request for one document.</summary>
    Request,
    /// <summary>Sends the pending request again, with the message and reminders as edited.</summary>
    Resend,
    /// <summary>Only collects the settings (the upload dialog sends them for every uploaded file).</summary>
    Collect,
    /// <summary>Changes or switches off the reminders of the pending request, sending nothing now.</summary>
    Reminders,
}
