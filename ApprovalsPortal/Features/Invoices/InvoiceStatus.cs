namespace ApprovalsPortal.Features.Invoices;

/// <summary>Where an invoice stands.</summary>
public enum InvoiceStatus
{
    /// <summary>Being written: can be edited, is not sent, asks nothing of the client.</summary>
    Draft,
    /// <summary>Sent, nothing paid yet.</summary>
    Unpaid,
    PartiallyPaid,
    Paid,
    /// <summary>Withdrawn after sending; kept with its number, never edited.</summary>
    Void,
}

public static class InvoiceStatuses
{
    /// <summary>Sent and not settled: the client owes money, reminders may run, documents stay locked.</summary>
    public static bool IsOutstanding(this InvoiceStatus status) => status is InvoiceStatus.Unpaid or InvoiceStatus.PartiallyPaid;

    public static string Label(this InvoiceStatus status) => status switch
    {
        InvoiceStatus.PartiallyPaid => "Partially paid",
        _ => status.ToString(),
    };
}
