namespace ApprovalsPortal.Features.Accounts;

public sealed record AccountDetails(
    int Id,
    string Name,
    DateTime CreatedAt,
    DateTime? ArchivedAt,
    int ContactCount,
    int PortalContactCount,
    int NotifyContactCount,
    int FolderCount);

public sealed record ContactRow(int Id, string Name, string Email, bool Notify, bool PortalAccess, bool HasLogin);

/// <param name="CancelStranded">When this ends the account's last portal access: cancel what waits for its contacts.</param>
public sealed record ContactInput(int? Id, int AccountId, string Name, string Email, bool Notify, bool PortalAccess, bool CancelStranded = false);

/// <summary>InvitationLink is set when this save gave the contact portal access for the first time.</summary>
public sealed record ContactSaved(int ContactId, string? InvitationLink);

public sealed record FolderRow(int Id, string Name, FolderAccess Access, int DocumentCount);

/// <summary>An account as pickers list it.</summary>
public sealed record AccountOption(int Id, string Name);

/// <summary>A member of the firm's staff, as pickers list them.</summary>
public sealed record StaffOption(string UserId, string Name);
