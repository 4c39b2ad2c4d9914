namespace ApprovalsPortal.Features.ActionItems;

/// <summary>What staff choose for an item's automatic reminders: on or off, days until the next one, how many.</summary>
public sealed record ReminderSettings(bool Enabled, int IntervalDays, int Count)
{
    public const int MaxIntervalDays = 365;
    public const int MaxCount = 20;

    public static readonly ReminderSettings Off = new(false, 3, 1);

    /// <summary>Field messages for the dialogs; the entity refuses the same values.</summary>
    public IReadOnlyList<string> Validate()
    {
        if (!Enabled) return [];
        var errors = new List<string>();
        if (IntervalDays is < 1 or > MaxIntervalDays) errors.Add(IntervalMessage);
        if (Count is < 1 or > MaxCount) errors.Add(CountMessage);
        return errors;
    }

    public static readonly string IntervalMessage = $"Days until next reminder must be between 1 and {MaxIntervalDays}.";
    public static readonly string CountMessage = $"Number of reminders must be between 1 and {MaxCount}.";

    /// <summary>"2 reminders, every 3 days" or "no reminders", for audit entries and summaries.</summary>
    public string Describe() =>
        !Enabled
            ? "no reminders"
            : $"{Count} {(Count == 1 ? "reminder" : "reminders")}, every {IntervalDays} {(IntervalDays == 1 ? "day" : "days")}";
}
