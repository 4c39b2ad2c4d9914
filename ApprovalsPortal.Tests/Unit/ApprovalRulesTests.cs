using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Shared;

namespace ApprovalsPortal.Tests.Unit;

public sealed class ApprovalRulesTests
{
    [Fact]
    public void Approval_needs_a_client_can_view_folder_and_a_portal_contact()
    {
        Assert.Null(ApprovalRules.CannotRequestReason(FolderAccess.ClientCanView, 1));
        Assert.Equal("Approval can be requested only for documents in a folder the client can view.",
            ApprovalRules.CannotRequestReason(FolderAccess.StaffOnly, 3));
        Assert.Equal("No contact of this account has portal access: turn it on for a contact first.",
            ApprovalRules.CannotRequestReason(FolderAccess.ClientCanView, 0));
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(365, 20, true)]
    [InlineData(0, 1, false)]
    [InlineData(366, 1, false)]
    [InlineData(3, 0, false)]
    [InlineData(3, 21, false)]
    public void Reminder_settings_must_be_in_range_when_reminders_are_on(int days, int count, bool valid)
    {
        Assert.Equal(valid, ApprovalRules.Validate(new ApprovalInput("", true, days, count)).Count == 0);
        // With reminders off the numbers do not matter.
        Assert.Empty(ApprovalRules.Validate(new ApprovalInput("", false, days, count)));
    }

    [Fact]
    public void Validation_messages_name_the_field()
    {
        var errors = ApprovalRules.Validate(new ApprovalInput(new string('x', 2001), true, 0, 99));
        Assert.Equal(
            ["The message must be at most 2000 characters.", "Days until next reminder must be between 1 and 365.", "Number of reminders must be between 1 and 20."],
            errors);
    }

    [Theory]
    [InlineData(ApprovalStatus.Approved, "This request was already approved, so it cannot be cancelled.")]
    [InlineData(ApprovalStatus.Disapproved, "This request was already disapproved, so it cannot be cancelled.")]
    [InlineData(ApprovalStatus.Cancelled, "This request was cancelled by the firm, so it cannot be cancelled.")]
    public void Only_a_pending_request_can_change(ApprovalStatus status, string message)
    {
        ApprovalRules.EnsurePending(ApprovalStatus.Pending, "cancelled");
        var refused = Assert.Throws<PortalRuleException>(() => ApprovalRules.EnsurePending(status, "cancelled"));
        Assert.Equal(message, refused.Message);
    }

    private static readonly ReasonOptionRow Amounts = new(1, "Amounts are wrong", false);
    private static readonly ReasonOptionRow Other = new(5, "Other", true);

    [Fact]
    public void A_disapproval_needs_at_least_one_reason()
    {
        Assert.Equal("Choose at least one reason.", ApprovalRules.ValidateDisapproval(new DisapprovalInput([], "comment"), []));
    }

    [Fact]
    public void Other_needs_a_comment_and_other_reasons_do_not()
    {
        Assert.Null(ApprovalRules.ValidateDisapproval(new DisapprovalInput([1], ""), [Amounts]));
        Assert.Equal("Tell the firm what is wrong in the comment when you choose \"Other\".",
            ApprovalRules.ValidateDisapproval(new DisapprovalInput([1, 5], "  "), [Amounts, Other]));
        Assert.Null(ApprovalRules.ValidateDisapproval(new DisapprovalInput([5], "The dates are off"), [Other]));
    }

    [Fact]
    public void A_reason_that_is_not_offered_is_refused()
    {
        Assert.Equal("One of the chosen reasons is no longer offered. Choose again.",
            ApprovalRules.ValidateDisapproval(new DisapprovalInput([1, 42], ""), [Amounts]));
    }
}
