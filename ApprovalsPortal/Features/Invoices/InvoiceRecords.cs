using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>A draft as staff write it.</summary>
public sealed record InvoiceInput(int AccountId, int? JobId, DateOnly IssueDate, DateOnly DueDate, IReadOnlyList<InvoiceLineInput> Lines, string Note);

/// <summary>Sending: the message in the email and the reminders while unpaid.</summary>
public sealed record InvoiceSending(string Message, ReminderSettings Reminders);

/// <summary>Money received, as staff record it.</summary>
public sealed record PaymentInput(decimal Amount, DateOnly PaidOn, string Method, string Reference);
