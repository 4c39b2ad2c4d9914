using Microsoft.AspNetCore.Identity;

namespace ApprovalsPortal.Identity;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Notification preference: email and inbox item when a client decides on a request this user sent.</summary>
    public bool NotifyOnApprovals { get; set; } = true;

    /// <summary>Admins only: also be told of decisions on requests sent by others.</summary>
    public bool NotifyOnAllApprovals { get; set; }

    /// <summary>Set while an admin has deactivated the login: it cannot sign in, and its sessions were ended.</summary>
    public DateTime? DeactivatedAt { get; set; }
}
