using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// When a job in an automove stage moves on: all of its linked items that count are done, and one of them was done
/// while the job was in the stage (so a job never moves merely for entering a stage whose earlier items were done).
/// A cancelled item does not count (the firm withdrew it), nor does a request replaced by a later one for the same
/// document; a declined item that was not asked again holds the job, since the client said no.
/// </summary>
public static class AutomoveRule
{
    public static bool ShouldMove(IReadOnlyCollection<LinkedItemState> items, DateTime stageEnteredAt)
    {
        var counted = Counted(items);
        return counted.Count > 0
               && counted.All(i => i.Status == ActionItemStatus.Done)
               && counted.Any(i => i.CompletedAt >= stageEnteredAt);
    }

    public static IReadOnlyList<LinkedItemState> Counted(IReadOnlyCollection<LinkedItemState> items) =>
        items.Where(i => i.Status != ActionItemStatus.Cancelled && !IsReplaced(i, items)).ToList();

    private static bool IsReplaced(LinkedItemState item, IReadOnlyCollection<LinkedItemState> items) =>
        item.DocumentId is { } documentId && items.Any(o => o.Id > item.Id && o.Kind == item.Kind && o.DocumentId == documentId);
}
