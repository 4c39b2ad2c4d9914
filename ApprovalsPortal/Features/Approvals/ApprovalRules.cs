using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Shared;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>The request's state rules in one place, free of the database so they can be tested alone.</summary>
public static class ApprovalRules
{
    public const int MaxMessageLength = ActionItem.MaxMessageLength;
    public const int MaxCommentLength = 2000;

    public static string? CannotRequestReason(FolderAccess folderAccess, int portalContactCount)
    {
        if (folderAccess != FolderAccess.ClientCanView)
            return "Approval can be requested only for documents in a folder the client can view.";
        if (portalContactCount == 0)
            return "No contact of this account has portal access: turn it on for a contact first.";
        return null;
    }

    /// <summary>Field messages for the checkmark dialog; the item refuses the same input.</summary>
    public static IReadOnlyList<string> Validate(ApprovalInput input) => ActionItem.Validate(input.Message, input.Reminders);

    /// <summary>A decision, a resend and a cancel all need the request to still be waiting.</summary>
    public static void EnsurePending(ApprovalStatus status, string attempted)
    {
        if (status == ApprovalStatus.Pending) return;
        throw new PortalRuleException(status switch
        {
            ApprovalStatus.Approved => $"This request was already approved, so it cannot be {attempted}.",
            ApprovalStatus.Disapproved => $"This request was already disapproved, so it cannot be {attempted}.",
            _ => $"This request was cancelled by the firm, so it cannot be {attempted}.",
        });
    }

    /// <summary>At least one reason; "Other" (or any reason that needs one) makes the comment required.</summary>
    public static string? ValidateDisapproval(DisapprovalInput input, IReadOnlyCollection<ReasonOptionRow> chosen)
    {
        if (input.ReasonIds.Count == 0 || chosen.Count == 0) return "Choose at least one reason.";
        if (chosen.Count != input.ReasonIds.Distinct().Count()) return "One of the chosen reasons is no longer offered. Choose again.";
        // The firm may rename "Other": the message uses its words.
        if (chosen.FirstOrDefault(r => r.RequiresComment) is { } open && string.IsNullOrWhiteSpace(input.Comment))
            return $"Tell the firm what is wrong in the comment when you choose \"{open.Text}\".";
        if ((input.Comment ?? "").Length > MaxCommentLength) return $"The comment must be at most {MaxCommentLength} characters.";
        return null;
    }
}
