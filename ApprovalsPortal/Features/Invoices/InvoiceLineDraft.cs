namespace ApprovalsPortal.Features.Invoices;

/// <summary>One line as the editor holds it while staff type; the totals are computed from these on every change.</summary>
public sealed class InvoiceLineDraft
{
    public string Description { get; set; } = "";
    public decimal Quantity { get; set; } = 1m;
    public decimal UnitPrice { get; set; }
    public decimal TaxRatePercent { get; set; }

    public InvoiceLineInput ToInput() => new(Description, Quantity, UnitPrice, TaxRatePercent);

    public static InvoiceLineDraft From(InvoiceLineRow row) =>
        new() { Description = row.Description, Quantity = row.Quantity, UnitPrice = row.UnitPrice, TaxRatePercent = row.TaxRatePercent };
}
