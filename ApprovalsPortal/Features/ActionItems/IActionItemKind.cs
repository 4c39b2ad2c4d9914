using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Audit;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>Which email of an item's life is being written.</summary>
public enum ActionItemEmailKind
{
    Request,
    Resend,
    Reminder,
    /// <summary>A finished item sent back to the client.</summary>
    Reopen,
    /// <summary>A finished item's email again, for the client's records (a paid invoice as a receipt).</summary>
    Copy,
}

/// <summary>What a kind's email says around the item's title, message and link, which the core fills in.</summary>
public sealed record ActionItemEmailText(string Subject, string Lead, string ButtonText);

/// <summary>Enough of an item to say where it opens.</summary>
public sealed record ActionItemLink(int Id, string Kind, int ClientAccountId, int? DocumentId);

/// <summary>
/// One kind of action item (approval, client request, signature, invoice, chat), registered by its feature with
/// <see cref="ActionItemsServiceExtensions.AddActionItemKind{TKind}"/>. Everything the shared life needs to know
/// about a kind comes through here, so Pending action, resends, the reminder sweep, the inbox and the audit trail
/// work for every kind without asking which one it is.
/// </summary>
public interface IActionItemKind
{
    /// <summary>Stored in <see cref="ActionItem.Kind"/>; never change it once items exist.</summary>
    string Key { get; }

    /// <summary>A MudBlazor icon shown beside the item's to-do and in staff lists.</summary>
    string Icon { get; }

    /// <summary>The status in the kind's words, such as "Approved" for Done or "Pending approval" for Pending.</summary>
    string StatusText(ActionItemStatus status);

    /// <summary>The to-do's caption in Pending action, such as "Approval requested".</summary>
    string TodoCaption { get; }

    /// <summary>Where the client acts on it in the portal.</summary>
    string PortalHref(ActionItemLink item);

    /// <summary>Where staff open it.</summary>
    string StaffHref(ActionItemLink item);

    /// <summary>The subject, lead line and button of its request, resend and reminder emails.</summary>
    ActionItemEmailText EmailText(ActionItemEmailKind email, string firmName, string title);

    /// <summary>The subject, lead line and button of one email listing several of these items for one account.</summary>
    ActionItemEmailText ListEmailText(ActionItemEmailKind email, int count, string firmName, string firstTitle);

    /// <summary>
    /// The audit trail's words for an action on this kind, such as "Approved" for Completed; null where the
    /// trail's general words fit ("Reminder sent").
    /// </summary>
    string? AuditLabel(AuditAction action);

    /// <summary>
    /// The kind's own conditions for reminding a waiting item, on top of the shared ones (waiting, reminders on and
    /// due, count not reached, account not archived): an approval, say, only while its document is shared with the client.
    /// </summary>
    Expression<Func<ActionItem, bool>> CanRemind(AppDbContext db);

    /// <summary>
    /// Who an item with an <see cref="ActionItem.ExternalAudience"/> is emailed, each with a link of their own. Called
    /// inside the transaction that writes the emails, so a kind may record a fresh link there. Kinds that only ever
    /// ask the account's contacts keep this default.
    /// </summary>
    Task<IReadOnlyList<ActionItemRecipient>> ExternalRecipientsAsync(AppDbContext db, ActionItem item, DateTime now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ActionItemRecipient>>([]);

    /// <summary>
    /// Whether moving the item's job on with "cancel what still waits" cancels it. An invoice says no: money owed is
    /// not withdrawn by a job moving on, only by voiding the invoice.
    /// </summary>
    bool CancelledWhenJobMovesOn => true;

    /// <summary>
    /// Whether the item counts for automove (a job moving on when its items are done). A chat says no: a client's
    /// "thanks" is not the end of a stage.
    /// </summary>
    bool CountsForAutomove => true;
}

/// <summary>The registered kinds, by key.</summary>
public sealed class ActionItemKinds(IEnumerable<IActionItemKind> kinds) : IAuditLabels
{
    private readonly Dictionary<string, IActionItemKind> byKey = kinds.ToDictionary(k => k.Key);

    public IReadOnlyCollection<IActionItemKind> All => byKey.Values;

    public IActionItemKind this[string key] =>
        byKey.TryGetValue(key, out var kind) ? kind : throw new InvalidOperationException($"No action item kind \"{key}\" is registered.");

    public bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IActionItemKind? kind) => byKey.TryGetValue(key, out kind);

    public string? Label(AuditAction action, string itemKind) => byKey.TryGetValue(itemKind, out var kind) ? kind.AuditLabel(action) : null;
}
