using System.Globalization;
using ApprovalsPortal.Features.Shared;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>
/// An invoice as an A4 PDF: the firm, the account, the dates, one row per line (descriptions wrap at words, and a
/// long invoice goes on over more pages with the header repeated), the totals, what is paid and due, the note and
/// how to pay. Drawn fresh for every download, so it always shows the invoice as it stands.
/// </summary>
public static class InvoicePdf
{
    private const double Margin = 50;
    private const double PageWidth = 595; // A4 in points
    private const double PageHeight = 842;
    private const double Right = PageWidth - Margin;
    private static readonly double[] Columns = [Margin, 300, 350, 430, 480];

    public static byte[] Render(InvoiceDetails invoice, string firmName, string paymentInstructions)
    {
        PdfFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Title}";
        document.Info.Author = firmName;
        var writer = new Writer(document);

        writer.Text(firmName, writer.Heading, Margin, XStringFormats.TopLeft);
        writer.Text(invoice.Status == InvoiceStatus.Draft ? "DRAFT INVOICE" : "INVOICE", writer.Heading, Right, XStringFormats.TopRight);
        writer.Y += 30;
        var top = writer.Y;
        writer.Line("Bill to", writer.Bold);
        writer.Wrapped(invoice.AccountName, writer.Body, Margin, 260);
        var leftEnd = writer.Y;
        writer.Y = top;
        writer.Pair("Invoice number", invoice.Number ?? "(given when sent)");
        writer.Pair("Issue date", Date(invoice.IssueDate));
        writer.Pair("Due date", Date(invoice.DueDate));
        writer.Pair("Status", invoice.Status.Label());
        writer.Y = Math.Max(writer.Y, leftEnd) + 20;

        writer.TableHeader();
        foreach (var line in invoice.Lines)
        {
            var lines = writer.Wrap(line.Description, writer.Body, Columns[1] - Columns[0] - 8);
            var height = lines.Count * Writer.LineHeight + 6;
            if (writer.Y + height > PageHeight - Margin)
            {
                writer.NewPage();
                writer.TableHeader();
            }
            var y = writer.Y;
            foreach (var text in lines)
            {
                writer.Text(text, writer.Body, Columns[0], XStringFormats.TopLeft);
                writer.Y += Writer.LineHeight;
            }
            writer.Y = y;
            writer.Text(Number(line.Quantity), writer.Body, Columns[2] - 6, XStringFormats.TopRight);
            writer.Text(Number(line.UnitPrice, 2), writer.Body, Columns[3] - 6, XStringFormats.TopRight);
            writer.Text(Number(line.TaxRatePercent) + " %", writer.Body, Columns[4] - 6, XStringFormats.TopRight);
            writer.Text(Number(line.Net, 2), writer.Body, Right, XStringFormats.TopRight);
            writer.Y = y + height;
        }
        writer.Rule();

        writer.EnsureRoom(6 * Writer.LineHeight);
        writer.Total("Subtotal", invoice.Money(invoice.Subtotal), writer.Body);
        writer.Total("Tax", invoice.Money(invoice.Tax), writer.Body);
        writer.Total("Total", invoice.Money(invoice.Total), writer.Bold);
        if (invoice.Paid > 0) writer.Total("Paid", invoice.Money(invoice.Paid), writer.Body);
        if (invoice.Status != InvoiceStatus.Void) writer.Total("Balance due", invoice.Money(invoice.Balance), writer.Bold);
        writer.Y += 16;

        if (invoice.Status == InvoiceStatus.Void) writer.Paragraph("Void", $"This invoice was voided{(invoice.VoidedAt is { } at ? " on " + Date(DateOnly.FromDateTime(at)) : "")}. Nothing is owed on it.");
        if (!string.IsNullOrWhiteSpace(invoice.Note)) writer.Paragraph("Note", invoice.Note);
        if (invoice.Status.IsOutstanding() && !string.IsNullOrWhiteSpace(paymentInstructions)) writer.Paragraph("How to pay", paymentInstructions);
        if (invoice.Payments.Count > 0)
            writer.Paragraph("Payments received", string.Join("\n", invoice.Payments.Select(p =>
                $"{Date(p.PaidOn)}: {invoice.Money(p.Amount)}{(p.Method.Length > 0 ? " by " + p.Method : "")}{(p.Reference.Length > 0 ? " (ref. " + p.Reference + ")" : "")}")));

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Number(decimal value, int decimals = -1) =>
        decimals < 0 ? value.ToString("0.####", CultureInfo.InvariantCulture) : value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A cursor down the pages: where the next line goes, and a new page when this one is full.</summary>
    private sealed class Writer
    {
        private readonly PdfDocument document;
        private XGraphics graphics = null!;

        public Writer(PdfDocument document)
        {
            this.document = document;
            NewPage();
        }

        public XFont Heading { get; } = new(PdfFonts.Family, 18, XFontStyleEx.Bold);
        public XFont Bold { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Bold);
        public XFont Body { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Regular);
        public const double LineHeight = 14;
        public double Y { get; set; }

        public void NewPage()
        {
            graphics?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            graphics = XGraphics.FromPdfPage(page);
            Y = Margin;
        }

        public void EnsureRoom(double height)
        {
            if (Y + height > PageHeight - Margin) NewPage();
        }

        public void Text(string text, XFont font, double x, XStringFormat format) =>
            graphics.DrawString(text, font, XBrushes.Black, new XPoint(x, Y), format);

        public void Line(string text, XFont font)
        {
            Text(text, font, Margin, XStringFormats.TopLeft);
            Y += LineHeight;
        }

        public void Pair(string label, string value)
        {
            Text(label, Body, 340, XStringFormats.TopLeft);
            Text(value, Bold, Right, XStringFormats.TopRight);
            Y += LineHeight;
        }

        public void Total(string label, string value, XFont font)
        {
            Text(label, font, Columns[3] - 40, XStringFormats.TopLeft);
            Text(value, font, Right, XStringFormats.TopRight);
            Y += LineHeight + 2;
        }

        public void TableHeader()
        {
            Text("Description", Bold, Columns[0], XStringFormats.TopLeft);
            Text("Qty", Bold, Columns[2] - 6, XStringFormats.TopRight);
            Text("Unit price", Bold, Columns[3] - 6, XStringFormats.TopRight);
            Text("Tax", Bold, Columns[4] - 6, XStringFormats.TopRight);
            Text("Amount", Bold, Right, XStringFormats.TopRight);
            Y += LineHeight + 2;
            Rule();
        }

        public void Rule()
        {
            graphics.DrawLine(XPens.Gray, Margin, Y, Right, Y);
            Y += 6;
        }

        public void Wrapped(string text, XFont font, double x, double width)
        {
            foreach (var line in Wrap(text, font, width))
            {
                EnsureRoom(LineHeight);
                Text(line, font, x, XStringFormats.TopLeft);
                Y += LineHeight;
            }
        }

        public void Paragraph(string heading, string text)
        {
            EnsureRoom(3 * LineHeight);
            Line(heading, Bold);
            Wrapped(text, Body, Margin, Right - Margin);
            Y += 10;
        }

        /// <summary>Breaks at spaces and line breaks; only a word wider than the column is cut.</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var result = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
            {
                var current = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = current.Length == 0 ? word : current + " " + word;
                    if (graphics.MeasureString(candidate, font).Width <= width)
                    {
                        current = candidate;
                        continue;
                    }
                    if (current.Length > 0) result.Add(current);
                    current = word;
                    while (current.Length > 1 && graphics.MeasureString(current, font).Width > width)
                    {
                        var fit = current.Length - 1;
                        while (fit > 1 && graphics.MeasureString(current[..fit], font).Width > width) fit--;
                        result.Add(current[..fit]);
                        current = current[fit..];
                    }
                }
                result.Add(current);
            }
            return result;
        }
    }
}
