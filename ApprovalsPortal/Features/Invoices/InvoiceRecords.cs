using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Shared;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>A draft as staff write it.</summary>
public sealed record InvoiceInput(int AccountId, int? JobId, DateOnly IssueDate, DateOnly DueDate, IReadOnlyList<InvoiceLineInput> Lines, string Note);

/// <summary>Sending: the message in the email and the reminders while unpaid.</summary>
public sealed record InvoiceSending(string Message, ReminderSettings Reminders);

/// <summary>Money received, as staff record it.</summary>
public sealed record PaymentInput(decimal Amount, DateOnly PaidOn, string Method, string Reference);

/// <summary>What the invoice editor needs about the account: its jobs, who would be emailed, and the firm's defaults.</summary>
public sealed record InvoiceEditorContext(
    int AccountId,
    string AccountName,
    IReadOnlyList<JobOption> Jobs,
    IReadOnlyList<ActionItemRecipient> Recipients,
    int PortalContactCount,
    string Currency,
    int DueDays,
    ReminderSettings DefaultReminders);

public sealed record InvoiceLineRow(string Description, decimal Quantity, decimal UnitPrice, decimal TaxRatePercent, decimal Net, decimal Tax);

public sealed record PaymentRow(int Id, decimal Amount, DateOnly PaidOn, string Method, string Reference, string RecordedByName, DateTime RecordedAt);

/// <summary>A document held until the invoice is paid.</summary>
public sealed record LockedDocumentRow(int Id, string Name);

/// <summary>Everything the staff invoice page, the client's invoice page and the PDF show.</summary>
public sealed record InvoiceDetails(
    int Id,
    int AccountId,
    string AccountName,
    string? Number,
    InvoiceStatus Status,
    DateOnly IssueDate,
    DateOnly DueDate,
    string Currency,
    string Note,
    decimal Subtotal,
    decimal Tax,
    decimal Total,
    decimal Paid,
    IReadOnlyList<InvoiceLineRow> Lines,
    IReadOnlyList<PaymentRow> Payments,
    IReadOnlyList<LockedDocumentRow> LockedDocuments,
    ActionItemSummary? Item,
    int? JobId,
    string? JobName,
    string CreatedByName,
    DateTime CreatedAt,
    DateTime? SentAt,
    DateTime? VoidedAt,
    string? VoidedByName)
{
    public decimal Balance => Total - Paid;
    public string Title => Number ?? "Draft invoice";
    public string Money(decimal amount) => InvoiceRules.Money(amount, Currency);
    public bool IsOverdue(DateOnly today) => Status.IsOutstanding() && DueDate < today;
}

/// <summary>One row of a list of invoices.</summary>
public sealed record InvoiceListRow(
    int Id,
    string? Number,
    int AccountId,
    string AccountName,
    InvoiceStatus Status,
    DateOnly IssueDate,
    DateOnly DueDate,
    string Currency,
    decimal Total,
    decimal Paid,
    string? JobName,
    bool RemindersEnabled,
    int RemindersSent,
    int ReminderCount,
    DateTime? NextReminderAt)
{
    public decimal Balance => Total - Paid;
    public string Title => Number ?? "Draft";
    public string Money(decimal amount) => InvoiceRules.Money(amount, Currency);
}

/// <summary>
/// Which invoices a list shows; every field is in the page's URL. <paramref name="Outstanding"/> means Unpaid or
/// Partially paid; dates bound the issue date.
/// </summary>
public sealed record InvoiceFilter(
    InvoiceStatus? Status = null,
    bool Outstanding = false,
    int? AccountId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Search = null);

/// <summary>What is owed over the whole filter (not only the page shown), per currency.</summary>
public sealed record OutstandingTotal(string Currency, decimal Balance, int Count, int Overdue);

public sealed record InvoiceListResult(PagedResult<InvoiceListRow> Page, IReadOnlyList<OutstandingTotal> Outstanding);

/// <summary>An unpaid invoice a document can be locked to.</summary>
public sealed record InvoiceOption(int Id, string Number, string Balance);

/// <summary>Why a document is locked, as the viewer and lists show it.</summary>
public sealed record DocumentLock(int InvoiceId, string Number, string Balance);
