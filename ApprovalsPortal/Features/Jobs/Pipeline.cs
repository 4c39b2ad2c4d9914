using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Shared;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>The firm's ordered stages that a kind of work goes through ("Tax return": Preparation → … → Done).</summary>
public sealed class Pipeline
{
    public const int MaxNameLength = 100;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<PipelineStage> Stages { get; set; } = [];

    public static string CheckName(string? name, string what)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new PortalRuleException($"Enter a name for the {what}.");
        if (name.Length > MaxNameLength) throw new PortalRuleException($"The {what}'s name must be at most {MaxNameLength} characters.");
        return name;
    }
}

/// <summary>
/// One column of a pipeline. <see cref="Automove"/> moves a job on when its linked items are done; the automation
/// says what entering the stage does. Both are read when a job enters or completes, so changing them affects only
/// what happens afterwards: requests already sent keep their own settings.
/// </summary>
public sealed class PipelineStage
{
    public int Id { get; set; }
    public int PipelineId { get; set; }
    public Pipeline? Pipeline { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The stage's place in its pipeline, from 0; stages are renumbered whenever one moves or goes.</summary>
    public int Position { get; set; }
    public bool Automove { get; set; }

    /// <summary>Entering the stage requests approval of the job's documents in this folder (by name); null for no automation.</summary>
    public string? AutomationFolderName { get; set; }
    public string AutomationMessage { get; set; } = "";
    public bool AutomationRemindersEnabled { get; set; }
    public int AutomationReminderIntervalDays { get; set; }
    public int AutomationReminderCount { get; set; }

    public StageAutomation? Automation => AutomationFolderName is null
        ? null
        : new StageAutomation(AutomationFolderName, AutomationMessage,
            new ReminderSettings(AutomationRemindersEnabled, AutomationReminderIntervalDays, AutomationReminderCount));

    public void SetAutomation(StageAutomation? automation)
    {
        if (automation is not null)
        {
            var folder = (automation.FolderName ?? "").Trim();
            if (folder.Length == 0) throw new PortalRuleException("Choose the folder whose documents need approval.");
            ActionItem.ThrowIfInvalid(automation.Message, automation.Reminders);
            automation = automation with { FolderName = folder, Message = (automation.Message ?? "").Trim() };
        }
        AutomationFolderName = automation?.FolderName;
        AutomationMessage = automation?.Message ?? "";
        AutomationRemindersEnabled = automation?.Reminders.Enabled ?? false;
        AutomationReminderIntervalDays = automation?.Reminders.IntervalDays ?? 0;
        AutomationReminderCount = automation?.Reminders.Count ?? 0;
    }
}

/// <summary>What entering a stage does: request approval of the documents in a folder, with a message and reminders.</summary>
public sealed record StageAutomation(string FolderName, string Message, ReminderSettings Reminders);
