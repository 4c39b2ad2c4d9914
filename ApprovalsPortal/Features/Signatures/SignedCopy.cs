using System.Globalization;
using ApprovalsPortal.Features.Shared;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>What the certificate page says.</summary>
public sealed record CertificateInfo(string DocumentName, string OriginalSha256, string FirmName, string RequestedByName, DateTime RequestedAt, IReadOnlyList<CertificateSigner> Signers);

public sealed record CertificateSigner(string Name, string Email, DateTime SignedAtUtc, string IpAddress, string SignedName, byte[]? Drawing);

/// <summary>
/// The signed copy: the original PDF's pages, imported unchanged, followed by a certificate page with each signature,
/// who gave it, when (UTC), from which address, and the SHA-256 of the original, so anyone can check that the pages
/// signed are the ones the firm sent.
/// </summary>
public static class SignedCopy
{
    private const double Margin = 50;

    /// <summary>Whether PDFsharp can import the PDF's pages (not encrypted, not damaged): checked before anyone is asked to sign.</summary>
    public static bool CanImport(Stream pdf)
    {
        try
        {
            using var document = PdfReader.Open(pdf, PdfDocumentOpenMode.Import);
            return document.PageCount > 0;
        }
        catch (Exception ex) when (ex is PdfReaderException or InvalidOperationException or NotSupportedException or IOException or ArgumentException)
        {
            return false;
        }
    }

    public static byte[] Write(Stream original, CertificateInfo info)
    {
        PdfFonts.EnsureRegistered();
        using var source = PdfReader.Open(original, PdfDocumentOpenMode.Import);
        using var output = new PdfDocument();
        output.Info.Title = $"{info.DocumentName} (signed)";
        output.Info.Author = info.FirmName;
        foreach (var page in source.Pages) output.AddPage(page);
        WriteCertificate(output, info);
        using var result = new MemoryStream();
        output.Save(result, closeStream: false);
        return result.ToArray();
    }

    private static void WriteCertificate(PdfDocument output, CertificateInfo info)
    {
        var heading = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold);
        var bold = new XFont(PdfFonts.Family, 10, XFontStyleEx.Bold);
        var body = new XFont(PdfFonts.Family, 9, XFontStyleEx.Regular);
        var typed = new XFont(PdfFonts.Family, 20, XFontStyleEx.Italic);
        var page = output.AddPage();
        page.Width = XUnit.FromPoint(595);
        page.Height = XUnit.FromPoint(842);
        var graphics = XGraphics.FromPdfPage(page);
        var right = page.Width.Point - Margin;
        var y = Margin;

        void Line(string text, XFont font, double gap = 14)
        {
            graphics.DrawString(text, font, XBrushes.Black, new XPoint(Margin, y), XStringFormats.TopLeft);
            y += gap;
        }

        Line("Signature certificate", heading, 26);
        Line($"Document: {Shorten(info.DocumentName, 90)}", bold);
        Line($"Sent for signature by {info.RequestedByName} of {info.FirmName} on {Utc(info.RequestedAt)}", body);
        Line("SHA-256 of the original document (the pages before this one, unchanged):", body);
        Line(info.OriginalSha256, new XFont(PdfFonts.Family, 8, XFontStyleEx.Bold), 22);

        foreach (var signer in info.Signers)
        {
            if (y > page.Height.Point - Margin - 110)
            {
                graphics.Dispose();
                page = output.AddPage();
                page.Width = XUnit.FromPoint(595);
                page.Height = XUnit.FromPoint(842);
                graphics = XGraphics.FromPdfPage(page);
                y = Margin;
                Line("Signature certificate (continued)", heading, 26);
            }
            graphics.DrawLine(XPens.LightGray, Margin, y, right, y);
            y += 8;
            var top = y;
            Line($"Signer: {Shorten(signer.Name, 60)}", bold);
            Line($"Email: {Shorten(signer.Email, 70)}", body);
            Line($"Signed: {Utc(signer.SignedAtUtc)}", body);
            Line($"IP address: {signer.IpAddress}", body);
            Line($"Name given: {Shorten(signer.SignedName, 60)}", body);
            Line(signer.Drawing is null ? "Signature: typed" : "Signature: drawn", body);
            var box = new XRect(330, top, right - 330, 70);
            if (signer.Drawing is { } drawing && TryImage(drawing) is { } image)
            {
                using (image)
                {
                    var scale = Math.Min(box.Width / image.PointWidth, box.Height / image.PointHeight);
                    graphics.DrawImage(image, box.X, box.Y, image.PointWidth * scale, image.PointHeight * scale);
                }
            }
            else
            {
                graphics.DrawString(Shorten(signer.SignedName, 28), typed, XBrushes.DarkBlue, box, XStringFormats.CenterLeft);
            }
            y = Math.Max(y, top + 76) + 6;
        }
        graphics.Dispose();
    }

    private static XImage? TryImage(byte[] png)
    {
        try
        {
            return XImage.FromStream(new MemoryStream(png));
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or IOException)
        {
            // An unreadable drawing still leaves the typed name on the certificate.
            return null;
        }
    }

    private static string Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
