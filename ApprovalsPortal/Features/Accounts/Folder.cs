namespace ApprovalsPortal.Features.Accounts;

public enum FolderAccess
{
    ClientCanView,
    StaffOnly,
}

public sealed class Folder
{
    public int Id { get; set; }
    public int ClientAccountId { get; set; }
    public ClientAccount? ClientAccount { get; set; }
    public string Name { get; set; } = "";
    public FolderAccess Access { get; set; }
    public DateTime CreatedAt { get; set; }

    public const string DefaultSharedName = "Shared with client";
    public const string DefaultInternalName = "Internal";
}
