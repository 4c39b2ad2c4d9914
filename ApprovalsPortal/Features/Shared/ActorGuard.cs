using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Shared;

public static class ActorGuard
{
    public static void RequireStaff(this PortalUser actor)
    {
        if (!actor.IsStaff || actor.ReadOnly) throw new PortalRuleException("Only the firm's staff can do this.");
    }

    public static void RequireAdmin(this PortalUser actor)
    {
        if (!actor.IsAdmin) throw new PortalRuleException("Only an admin can do this.");
    }
}
