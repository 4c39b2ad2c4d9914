namespace ApprovalsPortal.Features.Shared;

/// <summary>A request the rules refuse; the message is written for the person who asked and shown to them as is.</summary>
public class PortalRuleException(string message) : Exception(message);

/// <summary>The thing does not exist or this user may not see it; both read the same so ids cannot be probed.</summary>
public sealed class NotFoundOrForbiddenException(string what)
    : PortalRuleException($"{what} was not found, or you do not have access to it.");
