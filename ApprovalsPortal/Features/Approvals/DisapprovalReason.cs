namespace ApprovalsPortal.Features.Approvals;

/// <summary>One reason a client gave for disapproving; the text is copied so later edits of the firm's list do not rewrite history.</summary>
public sealed class DisapprovalReason
{
    public int Id { get; set; }
    public int ApprovalRequestId { get; set; }
    public int ReasonOptionId { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>An entry of the firm's list of disapproval reasons.</summary>
public sealed class DisapprovalReasonOption
{
    public int Id { get; set; }
    public string Text { get; set; } = "";
    public int SortOrder { get; set; }
    /// <summary>"Other" says nothing by itself, so choosing it makes the comment required.</summary>
    public bool RequiresComment { get; set; }
    public bool IsActive { get; set; } = true;

    public static readonly DisapprovalReasonOption[] Defaults =
    [
        new() { Id = 1, Text = "Amounts are wrong", SortOrder = 1 },
        new() { Id = 2, Text = "Information is missing", SortOrder = 2 },
        new() { Id = 3, Text = "Names or details are wrong", SortOrder = 3 },
        new() { Id = 4, Text = "Not what I asked for", SortOrder = 4 },
        new() { Id = 5, Text = "Other", SortOrder = 5, RequiresComment = true },
    ];
}
