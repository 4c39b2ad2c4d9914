using Microsoft.AspNetCore.Identity;

namespace ApprovalsPortal.Identity;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Notification preference: email and inbox item when a client decides on a request this user sent.</summary>
    public bool NotifyOnApprovals { get; set; } = true;

    /// <summary>Admins only: also be told of decisions on requests sent by others.</summary>
    public bool NotifyOnAllApprovals { get; set; }
}
