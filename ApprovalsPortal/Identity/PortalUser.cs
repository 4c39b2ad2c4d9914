using System.Security.Claims;

namespace ApprovalsPortal.Identity;

/// <summary>Who is acting: passed explicitly to services so every rule is checked on the server, whatever the UI shows.</summary>
/// <param name="ReadOnly">"View as client": staff see through this client's eyes; nothing may be written as them.</param>
public sealed record PortalUser(string UserId, string Name, bool IsAdmin, bool IsStaffMember, bool IsClient, bool ReadOnly = false)
{
    public bool IsStaff => IsAdmin || IsStaffMember;

    public static PortalUser? From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || principal.Identity?.IsAuthenticated != true) return null;
        return new PortalUser(
            id,
            principal.FindFirstValue(PortalClaims.DisplayName) ?? principal.Identity.Name ?? "",
            principal.IsInRole(Roles.Admin),
            principal.IsInRole(Roles.Staff),
            principal.IsInRole(Roles.Client));
    }
}

public static class PortalClaims
{
    public const string DisplayName = "portal:display_name";
}
