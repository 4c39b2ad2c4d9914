using System.IO.Compression;
using System.Text;
using ApprovalsPortal.Features.Demo;

namespace ApprovalsPortal.Tests.Support;

/// <summary>Small real files of each kind, made in code.</summary>
public static class SampleFiles
{
    public static byte[] Pdf(string title = "Test") => SamplePdf.Create(title, ["line one"]);
    public static byte[] Png() => SamplePng.BarChart(20, 10, [0.5]);
    public static byte[] Text(string text = "hello, world\n") => Encoding.UTF8.GetBytes(text);

    /// <summary>A minimal Office Open XML package of the given kind ("word", "xl" or "ppt").</summary>
    public static byte[] OpenXml(string partFolder)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) w.Write("<Types/>");
            using (var w = new StreamWriter(zip.CreateEntry($"{partFolder}/document.xml").Open())) w.Write("<doc/>");
        }
        return stream.ToArray();
    }

    public static byte[] Zip() => OpenXml("other");
}
