namespace ApprovalsPortal.Features.Accounts;

public sealed class ClientAccount
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public List<Contact> Contacts { get; set; } = [];
    public List<Folder> Folders { get; set; } = [];
}
