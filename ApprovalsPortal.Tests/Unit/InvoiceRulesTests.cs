using ApprovalsPortal.Features.Invoices;

namespace ApprovalsPortal.Tests.Unit;

/// <summary>Invoice arithmetic (rounding, tax per line) and the rules of statuses and payments.</summary>
public sealed class InvoiceRulesTests
{
    [Fact]
    public void Each_line_is_rounded_half_away_from_zero_and_the_totals_are_the_sums_of_the_rounded_lines()
    {
        // 3 × 0.335 = 1.005 → 1.01 (a binary double would give 1.00); its 20 % tax 0.202 → 0.20.
        Assert.Equal(new InvoiceLineAmounts(1.01m, 0.20m), InvoiceMath.Line(new("Stamps", 3m, 0.335m, 20m)));
        // Tax per line: two lines of 0.125 tax each round to 0.13 + 0.13, not 0.25 on the sum.
        var lines = new[] { new InvoiceLineInput("A", 1m, 0.625m, 20m), new InvoiceLineInput("B", 1m, 0.625m, 20m) };
        Assert.Equal(new InvoiceLineAmounts(0.63m, 0.13m), InvoiceMath.Line(lines[0]));
        Assert.Equal(new InvoiceTotals(1.26m, 0.26m, 1.52m), InvoiceMath.Totals(lines));
    }

    [Fact]
    public void Quantities_and_rates_may_have_decimals_and_zero_tax_lines_add_nothing()
    {
        var totals = InvoiceMath.Totals([new("Bookkeeping hours", 2.5m, 80m, 20m), new("Filing fee", 1m, 40m, 0m)]);
        Assert.Equal(new InvoiceTotals(240m, 40m, 280m), totals);
        Assert.Equal(new InvoiceLineAmounts(33.33m, 1.67m), InvoiceMath.Line(new("Third", 1m / 3m * 100m, 1m, 5m)));
    }

    [Theory]
    [InlineData(0, "280", InvoiceStatus.Unpaid)]
    [InlineData(100, "280", InvoiceStatus.PartiallyPaid)]
    [InlineData(280, "280", InvoiceStatus.Paid)]
    public void Payments_decide_the_status_of_a_sent_invoice(int paid, string total, InvoiceStatus expected) =>
        Assert.Equal(expected, InvoiceMath.StatusAfterPayments(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), paid));

    [Fact]
    public void A_payment_is_refused_beyond_the_balance_and_on_drafts_void_or_paid_invoices()
    {
        Assert.Null(InvoiceRules.CheckPayment(InvoiceStatus.PartiallyPaid, 180m, 180m, "GBP"));
        Assert.Equal("That is more than the balance of GBP 180.00: an invoice cannot be overpaid. Record at most the balance.",
            InvoiceRules.CheckPayment(InvoiceStatus.PartiallyPaid, 180m, 180.01m, "GBP"));
        Assert.Equal("The amount must be more than 0.", InvoiceRules.CheckPayment(InvoiceStatus.Unpaid, 10m, 0m, "GBP"));
        Assert.Equal("The amount can have at most two decimals.", InvoiceRules.CheckPayment(InvoiceStatus.Unpaid, 10m, 1.005m, "GBP"));
        Assert.NotNull(InvoiceRules.CheckPayment(InvoiceStatus.Draft, 10m, 1m, "GBP"));
        Assert.NotNull(InvoiceRules.CheckPayment(InvoiceStatus.Void, 10m, 1m, "GBP"));
        Assert.NotNull(InvoiceRules.CheckPayment(InvoiceStatus.Paid, 0m, 1m, "GBP"));
        Assert.Equal(100m, InvoiceMath.Balance(280m, [100m, 80m]));
    }

    [Fact]
    public void Only_drafts_are_edited_and_only_unpaid_sent_invoices_voided()
    {
        Assert.Null(InvoiceRules.CheckEdit(InvoiceStatus.Draft));
        Assert.All([InvoiceStatus.Unpaid, InvoiceStatus.PartiallyPaid, InvoiceStatus.Paid, InvoiceStatus.Void], s => Assert.NotNull(InvoiceRules.CheckEdit(s)));
        Assert.Null(InvoiceRules.CheckVoid(InvoiceStatus.Unpaid, 0m));
        Assert.Equal("Payments are recorded on this invoice, so it cannot be voided.", InvoiceRules.CheckVoid(InvoiceStatus.PartiallyPaid, 10m));
        Assert.NotNull(InvoiceRules.CheckVoid(InvoiceStatus.Draft, 0m));
        Assert.True(InvoiceStatus.PartiallyPaid.IsOutstanding());
        Assert.False(InvoiceStatus.Paid.IsOutstanding());
    }

    [Fact]
    public void A_draft_needs_lines_that_make_sense_each_named_by_its_number()
    {
        var day = new DateOnly(2026, 4, 1);
        Assert.Equal([
            "The due date cannot be before the issue date.",
            "Line 1: describe what is charged.",
            "Line 2: the quantity must be more than 0.",
            "Line 2: the unit price cannot be negative.",
            "Line 3: the tax rate must be between 0 and 100 %.",
        ], InvoiceRules.ValidateDraft(day, day.AddDays(-1), [new(" ", 1m, 10m, 20m), new("Refund", 0m, -5m, 0m), new("Fee", 1m, 5m, 120m)], ""));
        Assert.Equal(["Add at least one line."], InvoiceRules.ValidateDraft(day, day, [], null));
        Assert.Equal(["The total must be more than 0."], InvoiceRules.ValidateDraft(day, day, [new("Free", 1m, 0m, 0m)], null));
        Assert.Empty(InvoiceRules.ValidateDraft(day, day.AddDays(30), [new("Year-end accounts", 1m, 1200m, 20m)], null));
    }

    [Fact]
    public void Numbers_and_money_read_as_printed()
    {
        Assert.Equal("INV-0042", InvoiceMath.Number("INV-", 42));
        Assert.Equal("INV-12345", InvoiceMath.Number("INV-", 12345));
        Assert.Equal("GBP 1,234.50", InvoiceRules.Money(1234.5m, "GBP"));
    }
}
