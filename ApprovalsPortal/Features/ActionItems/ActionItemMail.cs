using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.ActionItems;

/// <summary>
/// Someone who gets an item's emails: a client contact with Notify on and portal access (every link needs a login),
/// or, for an item with an external audience, someone outside the portal with a link of their own
/// (<paramref name="Url"/>; <paramref name="ContactId"/> is then the kind's own id for them).
/// </summary>
public sealed record ActionItemRecipient(int ContactId, string Name, string Email, string? Url = null)
{
    public bool External => Url is not null;

    /// <summary>Tells recipients apart in reminder keys, whichever table they come from.</summary>
    public string Key => External ? $"x{ContactId}" : ContactId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The emails of an item's life (request, resend, reminder, and one list of several items), for every kind, added
/// to the caller's DbContext so they commit with the change that caused them.
/// </summary>
public sealed class ActionItemMail(EmailComposer composer, Outbox outbox, ActionItemKinds kinds, IOptions<PortalOptions> options)
{
    private PortalOptions Portal => options.Value;

    public static async Task<IReadOnlyList<ActionItemRecipient>> RecipientsAsync(AppDbContext db, int accountId, CancellationToken ct) =>
        (await RecipientsAsync(db, [accountId], ct))[accountId].ToList();

    public string PortalUrl(ActionItem item) => Portal.PublicUri(kinds[item.Kind].PortalHref(LinkOf(item))).ToString();

    public static ActionItemLink LinkOf(ActionItem item) => new(item.Id, item.Kind, item.ClientAccountId, item.DocumentId);

    /// <summary>The notified contacts of each of these accounts, in one query.</summary>
    public static async Task<ILookup<int, ActionItemRecipient>> RecipientsAsync(AppDbContext db, IReadOnlyCollection<int> accountIds, CancellationToken ct) =>
        (await db.Contacts.AsNoTracking().Where(c => accountIds.Contains(c.ClientAccountId) && c.Notify && c.PortalAccess)
            .OrderBy(c => c.Id).Select(c => new { c.ClientAccountId, Recipient = new ActionItemRecipient(c.Id, c.Name, c.Email) }).ToListAsync(ct))
        .ToLookup(c => c.ClientAccountId, c => c.Recipient);

    /// <summary>One email per recipient of one item; returns how many people are emailed.</summary>
    public async Task<int> QueueAsync(AppDbContext db, ActionItem item, ActionItemEmailKind email, DateTime now, CancellationToken ct)
    {
        var recipients = await RecipientsAsync(db, [item], now, ct);
        await QueueAsync(db, [item], email, recipients, ct);
        return recipients[item.Id].Count();
    }

    /// <summary>
    /// Who each item's emails go to, by item: its account's notified contacts, or the kind's own recipients for an
    /// item with an external audience (whose fresh links are added to <paramref name="db"/>).
    /// </summary>
    public async Task<ILookup<int, ActionItemRecipient>> RecipientsAsync(AppDbContext db, IReadOnlyList<ActionItem> items, DateTime now, CancellationToken ct)
    {
        var addressed = await AddresseesAsync(db, items, ct);
        var byAccount = await RecipientsAsync(db, items.Where(i => !i.ExternalAudience && !addressed.ContainsKey(i.Id)).Select(i => i.ClientAccountId).Distinct().ToList(), ct);
        var pairs = new List<(int ItemId, ActionItemRecipient Recipient)>();
        foreach (var item in items)
        {
            var recipients = item.ExternalAudience ? await kinds[item.Kind].ExternalRecipientsAsync(db, item, now, ct)
                : addressed.TryGetValue(item.Id, out var named) ? named
                : byAccount[item.ClientAccountId];
            pairs.AddRange(recipients.Select(r => (item.Id, r)));
        }
        return pairs.ToLookup(p => p.ItemId, p => p.Recipient);
    }

    /// <summary>
    /// For items addressed to named contacts: those asked now, by item (whatever their Notify setting: they were
    /// chosen by name), as long as they have portal access. Items to the whole account are not in the result.
    /// </summary>
    private static async Task<Dictionary<int, IReadOnlyList<ActionItemRecipient>>> AddresseesAsync(AppDbContext db, IReadOnlyList<ActionItem> items, CancellationToken ct)
    {
        var addressed = items.Where(i => i.Addressed).ToList();
        var waiting = addressed.Where(i => i.Addressees.Count > 0).ToDictionary(i => i.Id, i => i.Addressees.Where(a => a.Waiting).Select(a => a.ContactId).ToList());
        var unloaded = addressed.Where(i => i.Addressees.Count == 0).Select(i => i.Id).ToList();
        foreach (var id in unloaded) waiting[id] = [];
        if (unloaded.Count > 0)
        {
            foreach (var group in (await db.ActionItemAddressees.AsNoTracking().Where(a => unloaded.Contains(a.ActionItemId) && a.Waiting)
                         .Select(a => new { a.ActionItemId, a.ContactId }).ToListAsync(ct)).GroupBy(a => a.ActionItemId))
                waiting[group.Key] = group.Select(a => a.ContactId).ToList();
        }
        if (waiting.Count == 0) return [];
        var contactIds = waiting.Values.SelectMany(c => c).Distinct().ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id) && c.PortalAccess)
            .ToDictionaryAsync(c => c.Id, c => new ActionItemRecipient(c.Id, c.Name, c.Email), ct);
        return waiting.ToDictionary(w => w.Key, w => (IReadOnlyList<ActionItemRecipient>)w.Value.Where(contacts.ContainsKey).Select(id => contacts[id]).ToList());
    }

    /// <summary>
    /// One email per recipient of each item (<paramref name="recipients"/> by item id, from
    /// <see cref="RecipientsAsync(AppDbContext, IReadOnlyList{ActionItem}, DateTime, CancellationToken)"/>), rendered in one batch. Reminders carry a key (item,
    /// schedule round, number, recipient), so a reminder written already (by a sweep that crashed after writing) is
    /// not written again; call this after <see cref="ActionItem.RecordReminder"/> has counted it. A contact with
    /// several reminders of one kind due in the same batch (the files of one upload, say) gets one email listing them.
    /// </summary>
    public async Task QueueAsync(AppDbContext db, IReadOnlyList<ActionItem> items, ActionItemEmailKind email, ILookup<int, ActionItemRecipient> recipients, CancellationToken ct)
    {
        var letters = items.SelectMany(item => recipients[item.Id].Select(r => (Item: item, Recipient: r,
            Key: email == ActionItemEmailKind.Reminder ? $"reminder:{item.Id}:{item.ReminderRound}:{item.RemindersSent}:{r.Key}" : null))).ToList();
        var keys = letters.Where(l => l.Key is not null).Select(l => l.Key!).ToList();
        if (keys.Count > 0)
        {
            var written = (await db.OutboxMessages.Where(m => m.DeduplicationKey != null && keys.Contains(m.DeduplicationKey))
                .Select(m => m.DeduplicationKey!).ToListAsync(ct)).ToHashSet();
            letters = letters.Where(l => l.Key is null || !written.Contains(l.Key)).ToList();
        }

        // Someone outside the portal has a link per item, so their reminders never share an email.
        var groups = email == ActionItemEmailKind.Reminder
            ? letters.GroupBy(l => (l.Recipient.Key, l.Item.Kind, Own: l.Recipient.External ? l.Item.Id : 0)).Select(g => g.ToList()).ToList()
            : letters.Select(l => new List<(ActionItem Item, ActionItemRecipient Recipient, string? Key)> { l }).ToList();
        var single = groups.Where(g => g.Count == 1).Select(g => g[0]).ToList();
        var singleContents = await composer.ComposeManyAsync<ActionItemEmail, ActionItemEmailModel>(single.Select(l =>
        {
            var text = kinds[l.Item.Kind].EmailText(email, Portal.FirmName, l.Item.Title);
            return new ActionItemEmailModel(Portal.FirmName, l.Recipient.Name, text.Subject, text.Lead, l.Item.Title, l.Item.Message,
                l.Item.RequestedByName, text.ButtonText, l.Recipient.Url ?? PortalUrl(l.Item));
        }).ToList());
        for (var i = 0; i < single.Count; i++)
            outbox.Add(db, new EmailRecipient(single[i].Recipient.Name, single[i].Recipient.Email), singleContents[i], single[i].Key);

        // Several reminders for one contact: one list, keyed by its first reminder (the rest commit with it).
        var lists = groups.Where(g => g.Count > 1).ToList();
        var listContents = await composer.ComposeManyAsync<ActionItemListEmail, ActionItemListEmailModel>(lists.Select(g =>
        {
            var text = kinds[g[0].Item.Kind].ListEmailText(email, g.Count, Portal.FirmName, g[0].Item.Title);
            return new ActionItemListEmailModel(Portal.FirmName, g[0].Recipient.Name, text.Subject, text.Lead,
                g.Select(l => new ActionItemListEntry(l.Item.Title, PortalUrl(l.Item))).ToList(), "", "", text.ButtonText, Portal.PublicUri("/portal").ToString());
        }).ToList());
        for (var i = 0; i < lists.Count; i++)
            outbox.Add(db, new EmailRecipient(lists[i][0].Recipient.Name, lists[i][0].Recipient.Email), listContents[i], lists[i][0].Key);
    }

    /// <summary>One email per notified contact of the account listing every given item (all of one kind); returns how many contacts.</summary>
    public async Task<int> QueueListAsync(AppDbContext db, int accountId, IReadOnlyList<ActionItem> items, ActionItemEmailKind email, string message, string staffName, CancellationToken ct)
    {
        if (items.Count == 0) return 0;
        var recipients = await RecipientsAsync(db, accountId, ct);
        var kind = kinds[items[0].Kind];
        var text = kind.ListEmailText(email, items.Count, Portal.FirmName, items[0].Title);
        var entries = items.Select(i => new ActionItemListEntry(i.Title, PortalUrl(i))).ToList();
        var contents = await composer.ComposeManyAsync<ActionItemListEmail, ActionItemListEmailModel>(recipients
            .Select(r => new ActionItemListEmailModel(Portal.FirmName, r.Name, text.Subject, text.Lead, entries, message, staffName, text.ButtonText, Portal.PublicUri("/portal").ToString()))
            .ToList());
        for (var i = 0; i < recipients.Count; i++) outbox.Add(db, new EmailRecipient(recipients[i].Name, recipients[i].Email), contents[i]);
        return recipients.Count;
    }
}
