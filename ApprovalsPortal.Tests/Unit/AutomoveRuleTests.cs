using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Jobs;

namespace ApprovalsPortal.Tests.Unit;

public sealed class AutomoveRuleTests
{
    private static readonly DateTime Entered = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static LinkedItemState Item(int id, ActionItemStatus status, int? documentId = null, double completedHoursAfterEntry = 1, string kind = "approval",
        double cancelledHoursAfterEntry = 0.5) =>
        new(id, kind, documentId ?? id * 10, status, status is ActionItemStatus.Done or ActionItemStatus.Declined ? Entered.AddHours(completedHoursAfterEntry) : null,
            status == ActionItemStatus.Cancelled ? Entered.AddHours(cancelledHoursAfterEntry) : null);

    [Fact]
    public void All_linked_items_done_moves() =>
        Assert.True(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Done), Item(2, ActionItemStatus.Done)], Entered));

    [Theory]
    [InlineData(ActionItemStatus.Pending)]
    [InlineData(ActionItemStatus.InProgress)]
    [InlineData(ActionItemStatus.Declined)]
    public void One_item_not_done_holds_the_job(ActionItemStatus other) =>
        Assert.False(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Done), Item(2, other)], Entered));

    [Fact]
    public void No_linked_item_never_moves() => Assert.False(AutomoveRule.ShouldMove([], Entered));

    [Fact]
    public void Only_cancelled_items_never_move() => Assert.False(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Cancelled)], Entered));

    [Fact]
    public void A_cancelled_item_does_not_count_against_the_others() =>
        Assert.True(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Done), Item(2, ActionItemStatus.Cancelled)], Entered));

    [Fact]
    public void A_declined_request_asked_again_for_the_same_document_is_replaced_by_the_new_one()
    {
        Assert.True(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Declined, documentId: 7), Item(2, ActionItemStatus.Done, documentId: 7)], Entered));
        Assert.False(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Done, documentId: 7), Item(2, ActionItemStatus.Declined, documentId: 7)], Entered));
    }

    [Fact]
    public void Cancelling_the_last_waiting_request_never_moves_the_job() =>
        Assert.False(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Done, completedHoursAfterEntry: 1), Item(2, ActionItemStatus.Cancelled, cancelledHoursAfterEntry: 2)], Entered));

    [Fact]
    public void A_cancelled_request_asked_again_does_not_replace_a_disapproval() =>
        Assert.False(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Declined, documentId: 7), Item(2, ActionItemStatus.Cancelled, documentId: 7), Item(3, ActionItemStatus.Done)], Entered));

    [Fact]
    public void A_completion_after_an_unlink_or_a_cancel_moves_the_job()
    {
        Assert.True(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Cancelled, cancelledHoursAfterEntry: 0.5), Item(2, ActionItemStatus.Done, completedHoursAfterEntry: 1)], Entered));
        Assert.False(AutomoveRule.ShouldMove([Item(2, ActionItemStatus.Done, completedHoursAfterEntry: 1)], Entered.AddHours(2)));
    }

    [Fact]
    public void Another_kind_for_the_same_document_does_not_replace_a_request() =>
        Assert.False(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Declined, documentId: 7), Item(2, ActionItemStatus.Done, documentId: 7, kind: "signature")], Entered));

    [Fact]
    public void Items_all_done_before_the_job_entered_the_stage_do_not_move_it() =>
        Assert.False(AutomoveRule.ShouldMove([Item(1, ActionItemStatus.Done, completedHoursAfterEntry: -5)], Entered));
}
