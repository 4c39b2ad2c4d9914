using ApprovalsPortal.Hosting;

namespace ApprovalsPortal.Features.Documents;

public sealed record UploadCheck(bool Accepted, string ContentType, string? Reason)
{
    public static UploadCheck Reject(string reason) => new(false, "", reason);
}

/// <summary>The server's verdict on one uploaded file: allowed type, size within the limit, content that matches its name.</summary>
public static class UploadValidator
{
    /// <summary>Checks that need no content: run before reading a byte, so an oversized file is refused at once.</summary>
    public static UploadCheck CheckClaim(string fileName, long size, UploadOptions options)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return UploadCheck.Reject("The file has no name.");
        var kind = FileKinds.ForFileName(fileName);
        if (kind is null)
        {
            var ext = Path.GetExtension(fileName);
            return UploadCheck.Reject(ext.Length == 0
                ? "Files without an extension are not allowed. Allowed: PDF, images, text/CSV and Office documents."
                : $"{ext} files are not allowed. Allowed: PDF, images, text/CSV and Office documents.");
        }
        if (size == 0) return UploadCheck.Reject("The file is empty.");
        if (size > options.MaxFileSizeBytes)
            return UploadCheck.Reject($"The file is {FileSizes.Format(size)}; the limit is {options.MaxFileSizeMegabytes} MB.");
        return new UploadCheck(true, kind.ContentType, null);
    }

    /// <summary>Checks the stored bytes against the claim; <paramref name="content"/> must be seekable.</summary>
    public static UploadCheck CheckContent(string fileName, long size, Stream content, UploadOptions options)
    {
        var claim = CheckClaim(fileName, size, options);
        if (!claim.Accepted) return claim;
        var kind = FileKinds.ForFileName(fileName)!;
        return kind.ContentMatches(content)
            ? claim
            : UploadCheck.Reject($"The content is not a {kind.Label}, although the name ends in {Path.GetExtension(fileName).ToLowerInvariant()}.");
    }
}
