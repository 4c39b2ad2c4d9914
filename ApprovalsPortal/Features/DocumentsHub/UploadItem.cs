using Microsoft.AspNetCore.Components.Forms;

namespace ApprovalsPortal.Features.DocumentsHub;

public enum UploadState
{
    Waiting,
    Uploading,
    /// <summary>Received and checked; saved together with the upload's other files.</summary>
    Received,
    Uploaded,
    Rejected,
}

/// <summary>One file of an upload dialog and how far it got.</summary>
public sealed class UploadItem(IBrowserFile file)
{
    public IBrowserFile File { get; } = file;
    public UploadState State { get; set; } = UploadState.Waiting;
    public int Percent { get; set; }
    public string? Error { get; set; }
}
