namespace ApprovalsPortal.Features.ActionItems;

/// <summary>
/// A contact an item is addressed to by name (a signature's signer). An addressed item (<see cref="ActionItem.Addressed"/>)
/// is emailed, reminded and shown in Pending action only to those of them who are <see cref="Waiting"/> (asked now;
/// not those who have done their part, nor those whose turn has not come); other items go to the whole account.
/// </summary>
public sealed class ActionItemAddressee
{
    public int Id { get; private set; }
    public int ActionItemId { get; private set; }
    public int ContactId { get; private set; }
    public bool Waiting { get; set; }

    public static ActionItemAddressee For(int contactId, bool waiting) => new() { ContactId = contactId, Waiting = waiting };
}
