using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>
/// An invoice to a client account. A draft is the firm's own; sending gives it the next number of the firm's
/// sequence and an <see cref="ActionItem"/> (the invoice kind: to-do, emails, reminders, job), which stays waiting
/// until the invoice is paid in full or voided. Amounts are decimal, each line rounded as printed.
/// </summary>
public sealed class Invoice
{
    public const string Kind = "invoice";

    private Invoice()
    {
    }

    public int Id { get; private set; }
    public int ClientAccountId { get; private set; }
    public int? JobId { get; private set; }
    /// <summary>The action item once sent; null for a draft.</summary>
    public int? ActionItemId { get; private set; }
    public ActionItem? Item { get; private set; }
    /// <summary>The firm's number, given when sent; null for a draft.</summary>
    public string? Number { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public DateOnly IssueDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string Currency { get; private set; } = "";
    public string Note { get; private set; } = "";
    public decimal Subtotal { get; private set; }
    public decimal Tax { get; private set; }
    public decimal Total { get; private set; }
    public decimal Paid { get; private set; }
    public string CreatedByName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public DateTime? VoidedAt { get; private set; }
    public string? VoidedByName { get; private set; }
    public List<InvoiceLine> Lines { get; private set; } = [];
    public List<InvoicePayment> Payments { get; private set; } = [];
    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public decimal Balance => Total - Paid;

    public static Invoice Draft(int accountId, int? jobId, DateOnly issueDate, DateOnly dueDate, string currency, IReadOnlyList<InvoiceLineInput> lines, string note,
        PortalUser staff, DateTime now)
    {
        var invoice = new Invoice { ClientAccountId = accountId, Status = InvoiceStatus.Draft, Currency = currency, CreatedByName = staff.Name, CreatedAt = now };
        invoice.Edit(jobId, issueDate, dueDate, lines, note);
        return invoice;
    }

    /// <summary>Rewrites a draft: lines, dates, note and job; the totals follow.</summary>
    public void Edit(int? jobId, DateOnly issueDate, DateOnly dueDate, IReadOnlyList<InvoiceLineInput> lines, string note)
    {
        if (InvoiceRules.CheckEdit(Status) is { } refusal) throw new PortalRuleException(refusal);
        var errors = InvoiceRules.ValidateDraft(issueDate, dueDate, lines, note);
        if (errors.Count > 0) throw new PortalRuleException(string.Join(" ", errors));
        JobId = jobId;
        IssueDate = issueDate;
        DueDate = dueDate;
        Note = (note ?? "").Trim();
        Lines.Clear();
        for (var i = 0; i < lines.Count; i++) Lines.Add(InvoiceLine.From(lines[i], i));
        var totals = InvoiceMath.Totals(lines);
        (Subtotal, Tax, Total) = (totals.Subtotal, totals.Tax, totals.Total);
        Touch();
    }

    /// <summary>Sends the draft under its number: the item carries the to-do, the emails and the reminders.</summary>
    public void Send(string number, ActionItem item, DateTime now)
    {
        if (Status != InvoiceStatus.Draft) throw new PortalRuleException("This invoice was sent already. Use \"Email invoice\" to send it again.");
        Number = number;
        Item = item;
        Status = InvoiceStatus.Unpaid;
        SentAt = now;
        Touch();
    }

    /// <summary>
    /// A payment: partial keeps the item waiting (and its reminders going); the final one completes it. Returns
    /// true when the invoice is now paid in full.
    /// </summary>
    public bool RecordPayment(InvoicePayment payment, PortalUser staff, DateTime now)
    {
        if (InvoiceRules.CheckPayment(Status, Balance, payment.Amount, Currency) is { } refusal) throw new PortalRuleException(refusal);
        Payments.Add(payment);
        Paid += payment.Amount;
        Status = InvoiceMath.StatusAfterPayments(Total, Paid);
        var item = Item ?? throw new InvalidOperationException("Load the invoice's item to record a payment.");
        var text = $"{InvoiceRules.Money(payment.Amount, Currency)} received {payment.PaidOn:d MMM yyyy}" + (payment.Method.Length > 0 ? $" by {payment.Method}" : "")
                   + (payment.Reference.Length > 0 ? $" (ref. {payment.Reference})" : "") + $"; balance {InvoiceRules.Money(Balance, Currency)}";
        // The payment is the firm's record of what the client did: the item completes in the client's stead.
        // An item ended otherwise (an older version's job move cancelled it) only records the money.
        if (Status == InvoiceStatus.Paid && item.Status.IsWaiting()) item.Complete(staff, now, text);
        else item.Record(staff, Audit.AuditAction.PaymentRecorded, (Status == InvoiceStatus.Paid ? "Paid in full: " : "") + text, now);
        Touch();
        return Status == InvoiceStatus.Paid;
    }

    /// <summary>Withdraws a sent invoice on which nothing is paid: no to-do, no reminder; the number stays used.</summary>
    public void Void(PortalUser staff, DateTime now)
    {
        if (InvoiceRules.CheckVoid(Status, Paid) is { } refusal) throw new PortalRuleException(refusal);
        Status = InvoiceStatus.Void;
        VoidedAt = now;
        VoidedByName = staff.Name;
        var item = Item ?? throw new InvalidOperationException("Load the invoice's item to void it.");
        if (item.Status.IsWaiting()) item.Cancel(staff, now, $"Invoice {Number} voided.");
        else item.Record(staff, Audit.AuditAction.Closed, $"Invoice {Number} voided.", now);
        Touch();
    }

    /// <summary>
    /// A document is locked to this invoice: only while it is outstanding. The stamp changes, so a payment saved at
    /// the same moment (which would unlock the invoice's documents) and this lock cannot both succeed.
    /// </summary>
    public void HoldDocuments()
    {
        if (!Status.IsOutstanding())
            throw new PortalRuleException(Status == InvoiceStatus.Draft
                ? "Send the invoice first: a document can only wait for an invoice the client has received."
                : $"Invoice {Number} is {Status.Label().ToLowerInvariant()}: only an unpaid invoice can hold documents.");
        Touch();
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}

public sealed class InvoiceLine
{
    public int Id { get; private set; }
    public int InvoiceId { get; private set; }
    public int Position { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal TaxRatePercent { get; private set; }
    public decimal Net { get; private set; }
    public decimal Tax { get; private set; }

    public static InvoiceLine From(InvoiceLineInput input, int position)
    {
        var amounts = InvoiceMath.Line(input);
        return new InvoiceLine
        {
            Position = position, Description = input.Description.Trim(), Quantity = input.Quantity, UnitPrice = input.UnitPrice,
            TaxRatePercent = input.TaxRatePercent, Net = amounts.Net, Tax = amounts.Tax,
        };
    }

    public InvoiceLineInput ToInput() => new(Description, Quantity, UnitPrice, TaxRatePercent);
}

/// <summary>Money received against an invoice, as staff record it.</summary>
public sealed class InvoicePayment
{
    public const int MaxMethodLength = 100;
    public const int MaxReferenceLength = 200;

    public int Id { get; set; }
    public int InvoiceId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public string Method { get; set; } = "";
    public string Reference { get; set; } = "";
    public string RecordedByName { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>The firm's invoice numbers: a prefix and the next number, which admins may change; one row.</summary>
public sealed class InvoiceSequence
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string Prefix { get; set; } = "";
    public int NextNumber { get; set; } = 1;
}
