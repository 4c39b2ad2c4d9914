using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// A piece of work for one account (a tax return, year-end accounts) moving through a pipeline's stages. Changes go
/// through the methods below, which write the job's activity and change the concurrency stamp, so a hand move racing
/// an automatic one fails instead of both landing.
/// </summary>
public sealed class Job
{
    public const int MaxNameLength = 200;

    private Job()
    {
    }

    public int Id { get; private set; }
    public int ClientAccountId { get; private set; }
    public ClientAccount? ClientAccount { get; private set; }
    public string Name { get; private set; } = "";
    public int PipelineId { get; private set; }
    public Pipeline? Pipeline { get; private set; }
    public int StageId { get; private set; }
    public PipelineStage? Stage { get; private set; }
    public string? AssigneeUserId { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>When the job entered its current stage: automove looks only at items completed since.</summary>
    public DateTime StageEnteredAt { get; private set; }
    public DateTime? ArchivedAt { get; private set; }
    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();
    public List<JobActivity> Activity { get; private set; } = [];

    public bool IsArchived => ArchivedAt is not null;

    public static Job Create(int accountId, string name, PipelineStage stage, string? assigneeUserId, DateOnly? dueDate, PortalUser actor, DateTime now)
    {
        var job = new Job
        {
            ClientAccountId = accountId,
            Name = CheckName(name),
            PipelineId = stage.PipelineId,
            StageId = stage.Id,
            AssigneeUserId = assigneeUserId,
            DueDate = dueDate,
            CreatedAt = now,
            StageEnteredAt = now,
        };
        job.Record(JobActivityKind.Created, actor.Name, $"Created in \"{stage.Name}\"", now);
        return job;
    }

    public void Edit(string name, string? assigneeUserId, string? assigneeName, DateOnly? dueDate, PortalUser actor, DateTime now)
    {
        EnsureActive("edited");
        name = CheckName(name);
        var changes = new List<string>();
        if (name != Name) changes.Add($"renamed from \"{Name}\" to \"{name}\"");
        if (assigneeUserId != AssigneeUserId) changes.Add(assigneeName is null ? "unassigned" : $"assigned to {assigneeName}");
        if (dueDate != DueDate) changes.Add(dueDate is { } due ? $"due date {due:d MMM yyyy}" : "due date removed");
        if (changes.Count == 0) return;
        Name = name;
        AssigneeUserId = assigneeUserId;
        DueDate = dueDate;
        Record(JobActivityKind.Edited, actor.Name, char.ToUpperInvariant(changes[0][0]) + string.Join(", ", changes)[1..], now);
    }

    /// <summary>Moves the job to another stage of its pipeline; the activity says who or what moved it, and why.</summary>
    public void MoveTo(PipelineStage stage, string fromStageName, string actorName, bool automatic, string why, DateTime now, int? itemId = null)
    {
        EnsureActive("moved");
        if (stage.PipelineId != PipelineId) throw new PortalRuleException("A job moves only between the stages of its own pipeline.");
        if (stage.Id == StageId) throw new PortalRuleException($"The job is already in \"{stage.Name}\".");
        StageId = stage.Id;
        Stage = stage;
        StageEnteredAt = now;
        var entry = Record(automatic ? JobActivityKind.Automoved : JobActivityKind.Moved, actorName,
            $"Moved from \"{fromStageName}\" to \"{stage.Name}\"" + (why.Length == 0 ? "" : ": " + why), now);
        entry.ActionItemId = itemId;
    }

    public void Archive(PortalUser actor, DateTime now)
    {
        EnsureActive("archived");
        ArchivedAt = now;
        Record(JobActivityKind.Archived, actor.Name, "Archived", now);
    }

    public void Unarchive(PortalUser actor, DateTime now)
    {
        if (!IsArchived) throw new PortalRuleException("This job is not archived.");
        ArchivedAt = null;
        Record(JobActivityKind.Unarchived, actor.Name, "Unarchived", now);
    }

    public JobActivity Record(JobActivityKind kind, string actorName, string details, DateTime now)
    {
        var entry = new JobActivity
        {
            Kind = kind,
            ActorName = actorName,
            Details = details.Length > JobActivity.MaxDetailsLength ? details[..JobActivity.MaxDetailsLength] : details,
            At = now,
        };
        Activity.Add(entry);
        ConcurrencyStamp = Guid.NewGuid();
        return entry;
    }

    public void EnsureActive(string attempted)
    {
        if (IsArchived) throw new PortalRuleException($"This job is archived, so it cannot be {attempted}. Unarchive it first.");
    }

    public static string CheckName(string? name)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new PortalRuleException("Enter a name for the job.");
        if (name.Length > MaxNameLength) throw new PortalRuleException($"The job's name must be at most {MaxNameLength} characters.");
        return name;
    }
}

public enum JobActivityKind
{
    Created,
    Edited,
    Moved,
    /// <summary>Moved by automove when its linked items were done.</summary>
    Automoved,
    Archived,
    Unarchived,
    ItemLinked,
    ItemUnlinked,
    /// <summary>What a stage's automation did (or why it did nothing) when the job entered it.</summary>
    Automation,
    /// <summary>Requests cancelled because staff moved the job on without waiting for them.</summary>
    ItemsCancelled,
}

/// <summary>One line of a job's activity: append-only, like the audit trail.</summary>
public sealed class JobActivity
{
    public const int MaxDetailsLength = 1000;

    public long Id { get; set; }
    public int JobId { get; set; }
    public JobActivityKind Kind { get; set; }
    /// <summary>Who did it, or "Automove" / "Stage automation" for what the portal did by itself.</summary>
    public string ActorName { get; set; } = "";
    public string Details { get; set; } = "";
    /// <summary>The item concerned: the one whose completion moved the job, or the one linked.</summary>
    public int? ActionItemId { get; set; }
    public DateTime At { get; set; }
}
