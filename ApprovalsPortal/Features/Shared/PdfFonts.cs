using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace ApprovalsPortal.Features.Shared;

/// <summary>
/// Fonts for the PDFs the portal writes (invoices, signature certificates). PDFsharp finds no system fonts on
/// Linux, so every family resolves to DejaVu Sans, shipped inside the assembly (Bitstream Vera licence, see
/// Fonts/LICENSE-DejaVu.txt); bold has its own face, italic is simulated.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, byte[]> Faces = new();

    /// <summary>PDFsharp's font resolver is process-wide: set it once, before the first PDF is drawn.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is PdfFonts) return;
            GlobalFontSettings.FontResolver = new PdfFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, static name =>
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"ApprovalsPortal.Fonts.{name}.ttf")
                           ?? throw new InvalidOperationException($"The font {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
