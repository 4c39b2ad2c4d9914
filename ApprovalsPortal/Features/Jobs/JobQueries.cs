using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>The projections and orders the board, the lists and the benchmark share.</summary>
public static class JobQueries
{
    public const int CardsPerPage = 50;

    public static IQueryable<JobCard> ToCards(this IQueryable<Job> jobs, AppDbContext db) => jobs.Select(j => new JobCard(
        j.Id, j.Name, j.ClientAccountId, j.ClientAccount!.Name, j.PipelineId, j.Pipeline!.Name, j.StageId, j.Stage!.Name,
        j.AssigneeUserId, db.Users.Where(u => u.Id == j.AssigneeUserId).Select(u => u.DisplayName).FirstOrDefault(), j.DueDate,
        db.ActionItems.Count(i => i.JobId == j.Id && (i.Status == ActionItemStatus.Pending || i.Status == ActionItemStatus.InProgress)),
        j.ArchivedAt));

    /// <summary>Soonest due first, jobs without a due date last, then oldest first: the board's and the list's order.</summary>
    public static IOrderedQueryable<Job> InBoardOrder(this IQueryable<Job> jobs) =>
        jobs.OrderBy(j => j.DueDate == null).ThenBy(j => j.DueDate).ThenBy(j => j.Id);

    /// <summary>The active jobs of one column: those of active accounts, since an archived account's work waits with it.</summary>
    public static IQueryable<Job> ActiveInStage(this IQueryable<Job> jobs, int stageId) =>
        jobs.Where(j => j.StageId == stageId && j.ArchivedAt == null && j.ClientAccount!.ArchivedAt == null);

    public static Expression<Func<PipelineStage, StageRow>> ToStageRow(AppDbContext db) => s => new StageRow(
        s.Id, s.Name, s.Position, s.Automove,
        s.AutomationFolderName == null ? null : new StageAutomation(s.AutomationFolderName, s.AutomationMessage,
            new ReminderSettings(s.AutomationRemindersEnabled, s.AutomationReminderIntervalDays, s.AutomationReminderCount)),
        db.Jobs.Count(j => j.StageId == s.Id && j.ArchivedAt == null));
}
