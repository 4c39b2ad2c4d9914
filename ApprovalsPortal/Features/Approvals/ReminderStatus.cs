namespace ApprovalsPortal.Features.Approvals;

/// <summary>"Reminders: 1 of 2 sent, next on 5 Mar 2026" — how staff read a request's reminder schedule.</summary>
public static class ReminderStatus
{
    public static string Describe(ApprovalSummary request, Func<DateTime, DateTime>? toLocal = null)
    {
        if (!request.RemindersEnabled) return request.RemindersSent > 0 ? $"Reminders: off ({request.RemindersSent} sent)" : "Reminders: off";
        var text = $"Reminders: {request.RemindersSent} of {request.ReminderCount} sent";
        if (request.Status != ApprovalStatus.Pending || request.NextReminderAt is not { } next) return text;
        return $"{text}, next on {(toLocal ?? (t => t))(next):d MMM yyyy}";
    }
}
