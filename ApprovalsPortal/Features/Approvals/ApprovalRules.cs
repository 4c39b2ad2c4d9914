using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Shared;

namespace ApprovalsPortal.Features.Approvals;

/// <summary>The request's state rules in one place, free of the database so they can be tested alone.</summary>
public static class ApprovalRules
{
    public const int MaxMessageLength = 2000;
    public const int MaxCommentLength = 2000;

    public static string? CannotRequestReason(FolderAccess folderAccess, int portalContactCount)
    {
        if (folderAccess != FolderAccess.ClientCanView)
            return "Approval can be requested only for documents in a folder the client can view.";
        if (portalContactCount == 0)
            return "No contact of this account has portal access: turn it on for a contact first.";
        return null;
    }

    /// <summary>Field messages for the checkmark dialog; the service refuses the same input.</summary>
    public static IReadOnlyList<string> Validate(ApprovalInput input)
    {
        var errors = new List<string>();
        if ((input.Message ?? "").Length > MaxMessageLength)
            errors.Add($"The message must be at most {MaxMessageLength} characters.");
        if (input.RemindersEnabled)
        {
            if (input.ReminderIntervalDays is < 1 or > 365) errors.Add("Days until next reminder must be between 1 and 365.");
            if (input.ReminderCount is < 1 or > 20) errors.Add("Number of reminders must be between 1 and 20.");
        }
        return errors;
    }

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
        if (chosen.Any(r => r.RequiresComment) && string.IsNullOrWhiteSpace(input.Comment))
            return "Tell the firm what is wrong in the comment when you choose \"Other\".";
        if ((input.Comment ?? "").Length > MaxCommentLength) return $"The comment must be at most {MaxCommentLength} characters.";
        return null;
    }

    /// <summary>The first reminder falls one interval after the client was asked; none when reminders are off.</summary>
    public static DateTime? FirstReminderAt(ApprovalInput input, DateTime sentAt) =>
        input.RemindersEnabled ? sentAt.AddDays(input.ReminderIntervalDays) : null;

    /// <summary>
    /// After staff change the reminders of a pending request: the next one falls one (new) interval after the client
    /// was last contacted; none when reminders are off or all were sent.
    /// </summary>
    public static DateTime? NextReminderAfterChange(ApprovalRequest request, DateTime now)
    {
        if (!request.RemindersEnabled || request.RemindersSent >= request.ReminderCount) return null;
        var lastContact = request.LastReminderAt is { } reminded && reminded > request.LastSentAt ? reminded : request.LastSentAt;
        var next = lastContact.AddDays(request.ReminderIntervalDays);
        return next < now ? now : next;
    }

    /// <summary>
    /// The reminder after the one just sent falls one interval after it was due, on the schedule. If the portal was
    /// down, that may be past already: the same sweep then sends it too, so every missed reminder goes out once.
    /// </summary>
    public static DateTime? NextReminderAfterSending(ApprovalRequest request, DateTime due) =>
        request.RemindersSent >= request.ReminderCount ? null : due.AddDays(request.ReminderIntervalDays);

    public static string DescribeReminders(ApprovalInput input) =>
        !input.RemindersEnabled
            ? "no reminders"
            : $"{input.ReminderCount} {(input.ReminderCount == 1 ? "reminder" : "reminders")}, every {input.ReminderIntervalDays} {(input.ReminderIntervalDays == 1 ? "day" : "days")}";
}
