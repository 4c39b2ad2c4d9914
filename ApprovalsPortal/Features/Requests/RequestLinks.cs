using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Requests;

/// <summary>
/// Third parties' links: minting one per email (only its hash is kept), and finding the request a token opens,
/// refusing an expired, revoked, finished or cancelled one in words that say whom to contact.
/// </summary>
public sealed class RequestLinks(IOptions<PortalOptions> options, TimeProvider clock, ILogger<RequestLinks> logger)
{
    public const string PathPrefix = "/r/";

    private PortalOptions Portal => options.Value;

    /// <summary>
    /// Fresh links, added to <paramref name="db"/>, for the request's third parties whose access stands (or only the
    /// given ones), as email recipients.
    /// </summary>
    public async Task<IReadOnlyList<ActionItemRecipient>> MintForAsync(AppDbContext db, int requestId, IReadOnlyCollection<int>? onlyThirdPartyIds, DateTime now, CancellationToken ct)
    {
        var people = await db.RequestThirdParties.Where(t => t.ClientRequestId == requestId && t.RevokedAt == null).OrderBy(t => t.Id).ToListAsync(ct);
        var recipients = new List<ActionItemRecipient>();
        foreach (var person in people.Where(p => onlyThirdPartyIds is null || onlyThirdPartyIds.Contains(p.Id)))
        {
            var (token, link) = RequestLink.Mint(person.Id, now, TimeSpan.FromDays(Portal.Requests.LinkValidDays));
            db.RequestLinks.Add(link);
            recipients.Add(new ActionItemRecipient(person.Id, person.Name, person.Email, Portal.PublicUri(PathPrefix + token).ToString()));
        }
        return recipients;
    }

    /// <summary>What a token opens: the link's row (tracked), or why it does not open.</summary>
    public async Task<(RequestLink? Link, LinkRefusal? Refusal)> FindAsync(AppDbContext db, string? token, CancellationToken ct)
    {
        var (known, refusal) = await CheckAsync(db, token, ct);
        return (refusal is null ? known : null, refusal);
    }

    /// <summary>The link a token names, if any, and why it does not open its request (null when it does).</summary>
    private async Task<(RequestLink? Known, LinkRefusal? Refusal)> CheckAsync(AppDbContext db, string? token, CancellationToken ct)
    {
        if (!RequestLink.LooksValid(token)) return (null, Unknown);
        var hash = RequestLink.Hash(token!);
        var link = await db.RequestLinks.Include(l => l.ThirdParty).SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null) return (null, Unknown);
        var request = await db.ClientRequests.AsNoTracking().Where(r => r.Id == link.ThirdParty!.ClientRequestId)
            .Select(r => new { r.Item.Status, r.ClosedAt, r.Item.RequestedByName }).SingleAsync(ct);
        var contact = $"{request.RequestedByName} at {Portal.FirmName}";
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.Status == ActionItemStatus.Cancelled)
            return (link, new LinkRefusal($"{Portal.FirmName} withdrew this request, so the link no longer opens it.", contact));
        if (request.ClosedAt is not null)
            return (link, new LinkRefusal("This request is completed, so the link no longer opens it.", contact));
        if (link.ThirdParty!.RevokedAt is not null)
            return (link, new LinkRefusal("Your access to this request was withdrawn.", contact));
        if (link.ExpiresAt <= now)
            return (link, new LinkRefusal($"This link expired on {link.ExpiresAt.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}. Ask for a new one.", contact));
        return (link, null);
    }

    /// <summary>
    /// Someone opened a link (the page's HTTP request): recorded in the request's audit trail with the address it
    /// came from. Returns the refusal when the link does not open the request; a bad token is logged.
    /// </summary>
    public async Task<LinkRefusal?> RecordOpeningAsync(AppDbContext db, string? token, string ip, CancellationToken ct)
    {
        var (link, refusal) = await CheckAsync(db, token, ct);
        if (refusal is not null) logger.LogWarning("A request link that does not open was tried from {Ip}: {Reason}", ip, refusal.Reason);
        // An unknown token names no request: the log is its only trace.
        if (link is null) return refusal;
        var now = clock.GetUtcNow().UtcDateTime;
        if (refusal is null) link.LastOpenedAt = now;
        var accountId = await db.ActionItems.Where(i => i.Id == link.ThirdParty!.ClientRequestId).Select(i => i.ClientAccountId).SingleAsync(ct);
        // Added directly, not through the item, so an opening never makes a staff change at the same moment fail.
        var entry = AuditEvent.Create(ActorFor(link.ThirdParty!), accountId, AuditAction.LinkOpened,
            refusal is null ? $"From {ip}" : $"Refused from {ip}: {refusal.Reason}", now, ClientRequest.Kind);
        entry.ActionItemId = link.ThirdParty!.ClientRequestId;
        db.AuditEvents.Add(entry);
        await db.SaveChangesAsync(ct);
        return refusal;
    }

    /// <summary>How a third party appears in the audit trail and on answers.</summary>
    public static PortalUser ActorFor(RequestThirdParty person) => new($"third-party:{person.Id}", person.Name, false, false, false);

    private static readonly LinkRefusal Unknown = new("This link does not open any request. Check that it was copied whole from the email, or ask the person who sent it for a new one.", null);
}

/// <summary>A link that no longer (or never did) open a request; the page shows <see cref="Refusal"/>.</summary>
public sealed class LinkUnavailableException(LinkRefusal refusal) : Exception(refusal.Reason)
{
    public LinkRefusal Refusal { get; } = refusal;
}
