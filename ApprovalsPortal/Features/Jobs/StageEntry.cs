using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// What entering a stage does, inside the move's transaction: the stage's automation requests approval of the
/// job's documents in its folder that have no request waiting, linked to the job, and the job's activity says what
/// was requested or why nothing was. The automation is read now, so a change to it affects only later entries.
/// </summary>
public sealed class StageEntry(ApprovalService approvals)
{
    /// <summary>Runs the automation; returns the new items, to publish once the caller has committed.</summary>
    public async Task<IReadOnlyList<ActionItem>> EnterAsync(AppDbContext db, Job job, PipelineStage stage, PortalUser actor, DateTime now, CancellationToken ct)
    {
        if (stage.Automation is not { } automation) return [];
        var folders = await db.Folders.Where(f => f.ClientAccountId == job.ClientAccountId && EF.Functions.Collate(f.Name, "NOCASE") == automation.FolderName)
            .ToListAsync(ct);
        var shared = folders.Where(f => f.Access == FolderAccess.ClientCanView).Select(f => f.Id).ToList();
        string? nothing = null;
        if (folders.Count == 0) nothing = $"the account has no folder \"{automation.FolderName}\"";
        else if (shared.Count == 0) nothing = $"the folder \"{automation.FolderName}\" is staff-only";
        else if (!await db.Contacts.AnyAsync(c => c.ClientAccountId == job.ClientAccountId && c.PortalAccess, ct)) nothing = "no contact of the account has portal access";

        var documents = nothing is null
            ? await db.Documents.Where(d => shared.Contains(d.FolderId)
                                            && !db.ActionItems.Any(i => i.DocumentId == d.Id && i.Kind == ApprovalRequest.Kind
                                                                        && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress)))
                .OrderBy(d => d.Name).ToListAsync(ct)
            : [];
        if (nothing is null && documents.Count == 0) nothing = $"no document in \"{automation.FolderName}\" needed a request";
        if (nothing is not null)
        {
            job.Record(JobActivityKind.Automation, "Stage automation", $"Entering \"{stage.Name}\" requested nothing: {nothing}.", now);
            return [];
        }

        var input = new ApprovalInput(automation.Message, automation.Reminders.Enabled, automation.Reminders.IntervalDays, automation.Reminders.Count, job.Id);
        var requests = await approvals.RequestInContextAsync(db, actor, documents, input, ct);
        var names = string.Join(", ", documents.Take(5).Select(d => $"\"{d.Name}\"")) + (documents.Count > 5 ? $" and {documents.Count - 5} more" : "");
        job.Record(JobActivityKind.Automation, "Stage automation",
            $"Entering \"{stage.Name}\" requested approval of {documents.Count} {(documents.Count == 1 ? "document" : "documents")}: {names}; {automation.Reminders.Describe()}.", now);
        return requests.Select(r => r.Item).ToList();
    }
}
