using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Signatures;

/// <summary>The rules of signatures without a database; the dialogs show these messages and the services refuse the same.</summary>
public static class SignatureRules
{
    public const string PdfContentType = "application/pdf";
    public const string Consent = "I agree to sign this document electronically, and that my electronic signature is as valid as one on paper.";
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string? CannotRequestReason(string contentType, FolderAccess folderAccess, int portalContactCount, bool waiting)
    {
        if (waiting) return "Signatures are being collected on this document already: resend or cancel that request instead.";
        if (!string.Equals(contentType, PdfContentType, StringComparison.OrdinalIgnoreCase)) return "Signatures can be asked on PDF documents only.";
        if (folderAccess != FolderAccess.ClientCanView) return "Signatures can be asked only on documents in a folder the client can view.";
        if (portalContactCount == 0) return "No contact of this account has portal access: turn it on for a contact first.";
        return null;
    }

    public static IReadOnlyList<string> Validate(SignatureInput input)
    {
        var errors = new List<string>();
        if (input.SignerContactIds.Count == 0) errors.Add("Choose at least one signer.");
        if (input.SignerContactIds.Count > SignatureRequest.MaxSigners) errors.Add($"At most {SignatureRequest.MaxSigners} people can sign one document.");
        if (input.SignerContactIds.Distinct().Count() != input.SignerContactIds.Count) errors.Add("Each signer can be chosen once.");
        errors.AddRange(ActionItem.Validate(input.Message, input.Reminders));
        return errors;
    }

    /// <summary>Why a signature cannot be taken as given, or null.</summary>
    public static string? CheckSignature(SignInput input)
    {
        if (!input.Consent) return "Tick the box to agree to sign electronically.";
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0) return input.Drawing is null ? "Type your full name to sign." : "Type your full name beside your drawn signature.";
        if (name.Length > Signer.MaxNameLength) return $"The name must be at most {Signer.MaxNameLength} characters.";
        if (input.Drawing is { } drawing)
        {
            if (drawing.Length > Signer.MaxDrawingBytes) return "The drawing is too large. Clear it and draw again.";
            // A PNG starts with its signature and then its IHDR chunk; anything else is not a drawing from the pad.
            if (drawing.Length < 33 || !drawing.AsSpan(0, PngHeader.Length).SequenceEqual(PngHeader) || !drawing.AsSpan(12, 4).SequenceEqual("IHDR"u8))
                return "The drawing could not be read. Clear it and draw again.";
        }
        return null;
    }
}
