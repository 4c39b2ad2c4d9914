using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Accounts;

public sealed class Contact
{
    public int Id { get; set; }
    public int ClientAccountId { get; set; }
    public ClientAccount? ClientAccount { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>Only contacts with Notify on receive the account's emails.</summary>
    public bool Notify { get; set; } = true;
    public bool PortalAccess { get; set; }
    /// <summary>The client login; one person may be a contact of several accounts with one login.</summary>
    public string? UserId { get; set; }
    public AppUser? User { get; set; }
}
