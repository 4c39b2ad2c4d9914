using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>What staff fill in for a new job, or change on an existing one (the stage only at creation).</summary>
public sealed record JobInput(int AccountId, string Name, int StageId, string? AssigneeUserId, DateOnly? DueDate);

/// <summary>A card on the board and a row in the lists.</summary>
public sealed record JobCard(
    int Id,
    string Name,
    int AccountId,
    string AccountName,
    int PipelineId,
    string PipelineName,
    int StageId,
    string StageName,
    string? AssigneeUserId,
    string? AssigneeName,
    DateOnly? DueDate,
    int PendingItems,
    DateTime? ArchivedAt)
{
    public bool IsArchived => ArchivedAt is not null;
}

/// <summary>A stage as the board and the editor show it.</summary>
public sealed record StageRow(int Id, string Name, int Position, bool Automove, StageAutomation? Automation, int ActiveJobs);

public sealed record PipelineRow(int Id, string Name, IReadOnlyList<StageRow> Stages);

/// <summary>One column of the board: its stage, how many active jobs it holds, and the first page of their cards.</summary>
public sealed record BoardColumn(StageRow Stage, int TotalJobs, IReadOnlyList<JobCard> Cards);

public sealed record JobBoard(PipelineRow Pipeline, IReadOnlyList<BoardColumn> Columns);

/// <summary>An item linked to a job, with its status in its kind's words.</summary>
public sealed record LinkedItemRow(
    int Id,
    string Icon,
    string Title,
    string StatusText,
    ActionItemStatus Status,
    DateTime RequestedAt,
    string Href,
    bool RemindersEnabled,
    int RemindersSent,
    int ReminderCount,
    DateTime? NextReminderAt,
    bool RemindersPaused,
    bool JobArchived)
{
    public bool IsWaiting => Status.IsWaiting();
}

public sealed record JobActivityRow(long Id, JobActivityKind Kind, string ActorName, string Details, DateTime At);

/// <summary>Everything the job page shows.</summary>
public sealed record JobDetails(
    JobCard Job,
    IReadOnlyList<StageRow> Stages,
    IReadOnlyList<LinkedItemRow> Items,
    IReadOnlyList<JobActivityRow> Activity);

/// <summary>A waiting item of the account that could be linked to the job.</summary>
public sealed record LinkableItem(int Id, string Icon, string Title, string StatusText, string? CurrentJobName);

/// <summary>What to do with a job's waiting items when staff move it on by hand.</summary>
public enum WaitingItemsChoice
{
    KeepWaiting,
    Cancel,
}

/// <summary>A stage move staff asked for: where to, and (when items still wait) what to do with them.</summary>
public sealed record JobMove(int JobId, int StageId, WaitingItemsChoice Waiting = WaitingItemsChoice.KeepWaiting);

/// <summary>The item state automove reads.</summary>
public sealed record LinkedItemState(int Id, string Kind, int? DocumentId, ActionItemStatus Status, DateTime? CompletedAt, DateTime? CancelledAt = null);
