using Microsoft.AspNetCore.Identity;

namespace ApprovalsPortal.Identity;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
