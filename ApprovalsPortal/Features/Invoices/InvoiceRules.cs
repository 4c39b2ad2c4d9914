using System.Globalization;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>
/// The rules of invoices without a database: what a draft needs before it is sent, what a payment may be, which
/// status allows which change. The screens show these messages; the services refuse the same values.
/// </summary>
public static class InvoiceRules
{
    public const int MaxLines = 100;
    public const int MaxDescriptionLength = 500;
    public const int MaxNoteLength = 2000;
    public const decimal MaxAmount = 100_000_000m;
    public const decimal MaxTaxRatePercent = 100m;
    public const decimal MaxQuantity = 1_000_000m;

    /// <summary>Everything wrong with a draft's lines and dates, each line named by its number.</summary>
    public static IReadOnlyList<string> ValidateDraft(DateOnly issueDate, DateOnly dueDate, IReadOnlyList<InvoiceLineInput> lines, string? note)
    {
        var errors = new List<string>();
        if (dueDate < issueDate) errors.Add("The due date cannot be before the issue date.");
        if (lines.Count == 0) errors.Add("Add at least one line.");
        if (lines.Count > MaxLines) errors.Add($"An invoice can have at most {MaxLines} lines.");
        if ((note ?? "").Length > MaxNoteLength) errors.Add($"The note must be at most {MaxNoteLength} characters.");
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var name = $"Line {i + 1}";
            var description = (line.Description ?? "").Trim();
            if (description.Length == 0) errors.Add($"{name}: describe what is charged.");
            if (description.Length > MaxDescriptionLength) errors.Add($"{name}: the description must be at most {MaxDescriptionLength} characters.");
            if (line.Quantity <= 0) errors.Add($"{name}: the quantity must be more than 0.");
            if (line.UnitPrice < 0) errors.Add($"{name}: the unit price cannot be negative.");
            if (line.TaxRatePercent is < 0 or > MaxTaxRatePercent) errors.Add($"{name}: the tax rate must be between 0 and {MaxTaxRatePercent.ToString(CultureInfo.InvariantCulture)} %.");
            if (line.Quantity > MaxQuantity) errors.Add($"{name}: the quantity must be at most {MaxQuantity.ToString("N0", CultureInfo.InvariantCulture)}.");
            // Checked apart first, so the product below can never overflow a decimal.
            else if (Math.Abs(line.UnitPrice) > MaxAmount || Math.Abs(line.Quantity * line.UnitPrice) > MaxAmount) errors.Add($"{name}: the amount is too large.");
        }
        if (errors.Count == 0 && InvoiceMath.Totals(lines).Total <= 0) errors.Add("The total must be more than 0.");
        return errors;
    }

    /// <summary>Why a payment cannot be recorded, or null: more than 0, never more than the balance, on an outstanding invoice.</summary>
    public static string? CheckPayment(InvoiceStatus status, decimal balance, decimal amount, string currency)
    {
        if (status == InvoiceStatus.Draft) return "Send the invoice before recording a payment.";
        if (status == InvoiceStatus.Void) return "This invoice is void: no payment can be recorded.";
        if (status == InvoiceStatus.Paid) return "This invoice is paid in full already.";
        if (amount <= 0) return "The amount must be more than 0.";
        if (InvoiceMath.Round(amount) != amount) return "The amount can have at most two decimals.";
        if (amount > balance)
            return $"That is more than the balance of {Money(balance, currency)}: an invoice cannot be overpaid. Record at most the balance.";
        return null;
    }

    /// <summary>Only a draft is edited; a sent invoice can be voided (while nothing is paid), never edited.</summary>
    public static string? CheckEdit(InvoiceStatus status) =>
        status == InvoiceStatus.Draft ? null : "A sent invoice cannot be edited. Void it and write a new one if it is wrong.";

    public static string? CheckVoid(InvoiceStatus status, decimal paid) => status switch
    {
        InvoiceStatus.Draft => "A draft is not sent: delete it instead.",
        InvoiceStatus.Void => "This invoice is void already.",
        _ when paid > 0 => "Payments are recorded on this invoice, so it cannot be voided.",
        _ => null,
    };

    /// <summary>"GBP 1,234.50" — an amount as invoices and screens show it.</summary>
    public static string Money(decimal amount, string currency) => $"{currency} {amount.ToString("N2", CultureInfo.InvariantCulture)}";
}
