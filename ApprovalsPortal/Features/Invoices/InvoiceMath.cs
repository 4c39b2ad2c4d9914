namespace ApprovalsPortal.Features.Invoices;

/// <summary>One line as staff enter it: what, how many, at what unit price, with which tax rate (percent).</summary>
public sealed record InvoiceLineInput(string Description, decimal Quantity, decimal UnitPrice, decimal TaxRatePercent);

/// <summary>A line's amounts: net (quantity × unit price) and its tax, each rounded to the cent.</summary>
public sealed record InvoiceLineAmounts(decimal Net, decimal Tax)
{
    public decimal Gross => Net + Tax;
}

/// <summary>An invoice's totals: the sums of its lines' rounded amounts, so the lines always add up to the total.</summary>
public sealed record InvoiceTotals(decimal Subtotal, decimal Tax, decimal Total);

/// <summary>
/// Invoice arithmetic, in decimal throughout: each line's net and tax are rounded half away from zero to two
/// places (as printed), and the totals are the sums of the rounded lines, so what the client reads always adds up.
/// </summary>
public static class InvoiceMath
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static InvoiceLineAmounts Line(InvoiceLineInput line)
    {
        var net = Round(line.Quantity * line.UnitPrice);
        return new InvoiceLineAmounts(net, Round(net * line.TaxRatePercent / 100m));
    }

    public static InvoiceTotals Totals(IEnumerable<InvoiceLineInput> lines)
    {
        var amounts = lines.Select(Line).ToList();
        var subtotal = amounts.Sum(a => a.Net);
        var tax = amounts.Sum(a => a.Tax);
        return new InvoiceTotals(subtotal, tax, subtotal + tax);
    }

    /// <summary>What is still owed after the payments recorded so far.</summary>
    public static decimal Balance(decimal total, IEnumerable<decimal> payments) => total - payments.Sum();

    /// <summary>Where a sent invoice stands after its payments: unpaid, partly paid, or paid in full.</summary>
    public static InvoiceStatus StatusAfterPayments(decimal total, decimal paid) =>
        paid <= 0 ? InvoiceStatus.Unpaid : paid >= total ? InvoiceStatus.Paid : InvoiceStatus.PartiallyPaid;

    /// <summary>The invoice's number as printed: the firm's prefix and the sequence number, at least four digits.</summary>
    public static string Number(string prefix, int sequence) => $"{prefix}{sequence:D4}";
}
