namespace ApprovalsPortal.Features.ActionItems;

/// <summary>"Reminders: 1 of 2 sent, next on 5 Mar 2026" — how staff read an item's reminder schedule.</summary>
public static class ReminderStatus
{
    public static string Describe(ActionItemSummary item, Func<DateTime, DateTime>? toLocal = null)
    {
        if (!item.RemindersEnabled) return item.RemindersSent > 0 ? $"Reminders: off ({item.RemindersSent} sent)" : "Reminders: off";
        var text = $"Reminders: {item.RemindersSent} of {item.ReminderCount} sent";
        if (!item.IsWaiting) return text;
        if (item.JobArchived) return $"{text}, stopped: job archived";
        if (item.RemindersPaused) return $"{text}, paused while the account is archived";
        return item.NextReminderAt is { } next ? $"{text}, next on {(toLocal ?? (t => t))(next):d MMM yyyy}" : text;
    }

    /// <summary>The short form for a table cell: "1/2, next 5 Mar", "off", "paused" or "stopped: job archived".</summary>
    public static string Compact(bool waiting, bool enabled, int sent, int count, DateTime? next, bool paused, bool jobArchived, Func<DateTime, DateTime> toLocal)
    {
        if (!enabled) return waiting ? "off" : "";
        var text = $"{sent}/{count}";
        if (!waiting) return text;
        if (jobArchived) return $"{text}, stopped: job archived";
        if (paused) return $"{text}, paused";
        return next is { } at ? $"{text}, next {toLocal(at):d MMM}" : text;
    }
}
