using System.Text;

namespace ApprovalsPortal.Tests.Support;

/// <summary>Files that would run script if a browser treated them as what they really are.</summary>
public static class HostileFiles
{
    /// <summary>What each script does if it runs: the page's title changes, and the browser asks for this address.</summary>
    public const string Marker = "script-ran";

    public static byte[] SvgWithScript() => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><rect width=\"100\" height=\"100\" fill=\"red\"/>" +
        $"<script>document.title = '{Marker}'; fetch('/{Marker}');</script></svg>\n");

    public static byte[] HtmlWithScript() => Encoding.UTF8.GetBytes(
        $"<!DOCTYPE html><html><head><title>innocent</title></head><body><p>Hello</p><script>document.title = '{Marker}'; fetch('/{Marker}');</script></body></html>\n");

    /// <summary>A PNG signature followed by an SVG with a script: passes the PNG check, must still never run as SVG.</summary>
    public static byte[] PngSvgPolyglot() => [.. new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, .. SvgWithScript()];

    /// <summary>A one-page PDF whose opening action is JavaScript that alerts and asks for the marker address.</summary>
    public static byte[] PdfWithJavaScript() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n" +
        "1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n" +
        $"4 0 obj << /S /JavaScript /JS (app.alert\\('{Marker}'\\); this.submitForm\\('/{Marker}'\\);) >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");
}
