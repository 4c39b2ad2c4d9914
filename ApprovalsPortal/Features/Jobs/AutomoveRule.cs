using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// When a job in an automove stage moves on: all of its linked items that count are done, and the client's last
/// completion is what made it so: it came after the job entered the stage (a job never moves merely for entering a
/// stage whose earlier items were done) and after any cancel or unlink (withdrawing the last waiting request never
/// moves a job). A cancelled item does not count (the firm withdrew it), nor does a request replaced by a later one
/// for the same document that was not itself cancelled; a declined item that was not asked again holds the job,
/// since the client said no.
/// </summary>
public static class AutomoveRule
{
    /// <param name="notBefore">When the job entered its stage, or later when an item was last unlinked from it.</param>
    public static bool ShouldMove(IReadOnlyCollection<LinkedItemState> items, DateTime notBefore)
    {
        var counted = Counted(items);
        if (counted.Count == 0 || counted.Any(i => i.Status != ActionItemStatus.Done)) return false;
        var lastCompletion = counted.Max(i => i.CompletedAt!.Value);
        var lastCancel = items.Where(i => i.Status == ActionItemStatus.Cancelled).Select(i => i.CancelledAt).Max();
        return lastCompletion >= notBefore && (lastCancel is null || lastCompletion > lastCancel);
    }

    public static IReadOnlyList<LinkedItemState> Counted(IReadOnlyCollection<LinkedItemState> items) =>
        items.Where(i => i.Status != ActionItemStatus.Cancelled && !IsReplaced(i, items)).ToList();

    private static bool IsReplaced(LinkedItemState item, IReadOnlyCollection<LinkedItemState> items) =>
        item.DocumentId is { } documentId
        && items.Any(o => o.Id > item.Id && o.Kind == item.Kind && o.DocumentId == documentId && o.Status != ActionItemStatus.Cancelled);
}
