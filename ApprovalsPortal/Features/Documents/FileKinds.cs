using System.IO.Compression;

namespace ApprovalsPortal.Features.Documents;

/// <summary>One allowed kind of file: its content type and how to recognise its content.</summary>
public sealed record FileKind(string Label, string ContentType, FileFamily Family, Func<Stream, bool> ContentMatches);

public enum FileFamily
{
    Pdf,
    Image,
    Text,
    Office,
}

/// <summary>The allowed upload types, keyed by extension: the name is the claim, the bytes must back it up.</summary>
public static class FileKinds
{
    private static readonly byte[] OleHeader = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly Dictionary<string, FileKind> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new("PDF", "application/pdf", FileFamily.Pdf, s => StartsWith(s, "%PDF-"u8)),
        [".png"] = new("PNG image", "image/png", FileFamily.Image, s => StartsWith(s, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        [".jpg"] = new("JPEG image", "image/jpeg", FileFamily.Image, s => StartsWith(s, [0xFF, 0xD8, 0xFF])),
        [".jpeg"] = new("JPEG image", "image/jpeg", FileFamily.Image, s => StartsWith(s, [0xFF, 0xD8, 0xFF])),
        [".gif"] = new("GIF image", "image/gif", FileFamily.Image, s => StartsWith(s, "GIF87a"u8) || StartsWith(s, "GIF89a"u8)),
        [".webp"] = new("WebP image", "image/webp", FileFamily.Image, IsWebP),
        [".txt"] = new("text file", "text/plain", FileFamily.Text, LooksLikeText),
        [".csv"] = new("CSV file", "text/csv", FileFamily.Text, LooksLikeText),
        [".doc"] = new("Word document", "application/msword", FileFamily.Office, s => StartsWith(s, OleHeader)),
        [".xls"] = new("Excel workbook", "application/vnd.ms-excel", FileFamily.Office, s => StartsWith(s, OleHeader)),
        [".ppt"] = new("PowerPoint presentation", "application/vnd.ms-powerpoint", FileFamily.Office, s => StartsWith(s, OleHeader)),
        [".docx"] = new("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileFamily.Office, s => IsOpenXml(s, "word/")),
        [".xlsx"] = new("Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileFamily.Office, s => IsOpenXml(s, "xl/")),
        [".pptx"] = new("PowerPoint presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation", FileFamily.Office, s => IsOpenXml(s, "ppt/")),
    };

    public static IReadOnlyCollection<string> Extensions => ByExtension.Keys;

    /// <summary>For the file picker's accept attribute.</summary>
    public static string AcceptAttribute => string.Join(",", ByExtension.Keys);

    public static FileKind? ForFileName(string fileName) =>
        ByExtension.GetValueOrDefault(Path.GetExtension(fileName));

    public static FileFamily? FamilyOf(string contentType) =>
        ByExtension.Values.FirstOrDefault(k => k.ContentType == contentType)?.Family;

    private static bool StartsWith(Stream s, ReadOnlySpan<byte> magic)
    {
        Span<byte> head = stackalloc byte[magic.Length];
        s.Position = 0;
        return s.ReadAtLeast(head, magic.Length, throwOnEndOfStream: false) == magic.Length && head.SequenceEqual(magic);
    }

    private static bool IsWebP(Stream s)
    {
        Span<byte> head = stackalloc byte[12];
        s.Position = 0;
        return s.ReadAtLeast(head, 12, false) == 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8);
    }

    /// <summary>Office Open XML files are ZIP packages with a content-types part and a folder named for the application.</summary>
    private static bool IsOpenXml(Stream s, string partFolder)
    {
        if (!StartsWith(s, [0x50, 0x4B, 0x03, 0x04])) return false;
        try
        {
            s.Position = 0;
            using var zip = new ZipArchive(s, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("[Content_Types].xml") is not null
                   && zip.Entries.Any(e => e.FullName.StartsWith(partFolder, StringComparison.Ordinal));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// Text in any common encoding has no control bytes other than tab, line breaks and form feed. UTF-16 files
    /// (with a byte-order mark) are allowed too.
    /// </summary>
    private static bool LooksLikeText(Stream s)
    {
        var buffer = new byte[64 * 1024];
        s.Position = 0;
        var read = s.ReadAtLeast(buffer, buffer.Length, false);
        var bytes = buffer.AsSpan(0, read);
        if (bytes.StartsWith([(byte)0xFF, (byte)0xFE]) || bytes.StartsWith([(byte)0xFE, (byte)0xFF])) return true;
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C or 0x1A)) return false;
        }
        return true;
    }
}
