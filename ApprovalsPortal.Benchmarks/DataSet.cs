using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Benchmarks;

/// <summary>
/// A firm with years of work: 2,000 accounts, 5,000 contacts, 100,000 documents over two years and 30,000
/// approval requests (20% pending, 45% approved, 20% disapproved, 15% cancelled), made through the entities' own
/// methods so they are in states the portal can reach. Seeded, so every run builds the same database.
/// </summary>
public static class DataSet
{
    public const int Accounts = 2_000;
    public const int Contacts = 5_000;
    public const int Documents = 100_000;
    public const int Requests = 30_000;

    public static void Build(AppDbContext db, IReadOnlyList<(string Id, string Name)> staff, DateTime now)
    {
        var random = new Random(42);
        var accounts = Enumerable.Range(1, Accounts).Select(i => new ClientAccount
        {
            Id = i,
            Name = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {Suffixes[i % Suffixes.Length]} {i:0000}",
            CreatedAt = now.AddDays(-random.Next(200, 900)),
        }).ToList();
        var folders = accounts.SelectMany(a => new[]
        {
            new Folder { Id = a.Id * 2 - 1, ClientAccountId = a.Id, Name = Folder.DefaultSharedName, Access = FolderAccess.ClientCanView, CreatedAt = a.CreatedAt },
            new Folder { Id = a.Id * 2, ClientAccountId = a.Id, Name = Folder.DefaultInternalName, Access = FolderAccess.StaffOnly, CreatedAt = a.CreatedAt },
        }).ToList();
        var contacts = Enumerable.Range(1, Contacts).Select(i => new Contact
        {
            Id = i,
            ClientAccountId = (i - 1) % Accounts + 1,
            Name = $"Contact {i}",
            Email = $"contact{i}@client{(i - 1) % Accounts + 1}.test",
            Notify = i % 3 != 0,
            PortalAccess = i % 2 == 0,
        }).ToList();

        var documents = Enumerable.Range(1, Documents).Select(i =>
        {
            var accountId = random.Next(1, Accounts + 1);
            var uploaded = now.AddMinutes(-random.Next(0, 730 * 24 * 60));
            var uploader = staff[random.Next(staff.Count)];
            return new Document
            {
                Id = i,
                ClientAccountId = accountId,
                FolderId = random.NextDouble() < 0.75 ? accountId * 2 - 1 : accountId * 2,
                Name = $"{Titles[random.Next(Titles.Length)]} {2024 + random.Next(3)}-{random.Next(1, 13):00}.pdf",
                Description = random.NextDouble() < 0.5 ? "Prepared for your review" : "",
                ContentType = "application/pdf",
                SizeBytes = random.Next(20_000, 4_000_000),
                Sha256 = Convert.ToHexStringLower(BitConverter.GetBytes((long)i).Concat(new byte[24]).ToArray()),
                UploadedByUserId = uploader.Id,
                UploadedByName = uploader.Name,
                UploadedAt = uploaded,
                LastActivityAt = uploaded,
            };
        }).ToList();

        var shared = documents.Where(d => d.FolderId % 2 == 1).OrderBy(_ => random.Next()).ToList();
        var requests = new List<ApprovalRequest>(Requests);
        foreach (var (doc, index) in shared.Take(Requests).Select((d, i) => (d, i)))
        {
            var roll = random.NextDouble();
            var status = roll < 0.20 ? ApprovalStatus.Pending : roll < 0.65 ? ApprovalStatus.Approved : roll < 0.85 ? ApprovalStatus.Disapproved : ApprovalStatus.Cancelled;
            var requested = status == ApprovalStatus.Pending ? now.AddMinutes(-random.Next(0, 60 * 24 * 60)) : Min(doc.UploadedAt.AddMinutes(random.Next(0, 10 * 24 * 60)), now);
            if (doc.UploadedAt > requested) doc.UploadedAt = requested.AddMinutes(-random.Next(1, 5 * 24 * 60));
            var staffMember = new PortalUser(doc.UploadedByUserId, doc.UploadedByName, false, true, false);
            var request = ApprovalRequest.Send(doc, new ApprovalInput("Please review", true, 3, 1), staffMember, requested);
            SetId(request.Item, index + 1);
            SetId(request, index + 1);
            // The one reminder of a request older than three days went out already: nothing is due when the data is built.
            if (status == ApprovalStatus.Pending && requested.AddDays(3) <= now) request.Item.RecordReminder(Client, requested.AddDays(3), anyoneEmailed: true);
            var decided = Min(requested.AddMinutes(random.Next(10, 7 * 24 * 60)), now);
            switch (status)
            {
                case ApprovalStatus.Approved: request.Approve(Client, null, decided); break;
                case ApprovalStatus.Disapproved: request.Disapprove(Client, null, [new ReasonOptionRow(1, "Amounts are wrong", false)], "", decided); break;
                case ApprovalStatus.Cancelled: request.Item.Cancel(staffMember, Min(requested.AddDays(1), now)); break;
            }
            requests.Add(request);
            doc.LastActivityAt = request.Item.CompletedAt ?? request.Item.CancelledAt ?? requested;
            if (doc.LastActivityAt > now) doc.LastActivityAt = now;
        }
        Unrequested = shared.Skip(Requests).ToList();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        connection.Open();
        using (var transaction = connection.BeginTransaction())
        {
            BulkInsert.Rows(connection, transaction, db.Model, accounts);
            BulkInsert.Rows(connection, transaction, db.Model, folders);
            BulkInsert.Rows(connection, transaction, db.Model, contacts);
            BulkInsert.Rows(connection, transaction, db.Model, documents);
            BulkInsert.Rows(connection, transaction, db.Model, requests.Select(r => r.Item));
            BulkInsert.Rows(connection, transaction, db.Model, requests);
            using var link = connection.CreateCommand();
            link.Transaction = transaction;
            link.CommandText = "UPDATE \"Documents\" SET \"CurrentApprovalRequestId\" = (SELECT r.\"Id\" FROM \"ApprovalRequests\" r WHERE r.\"DocumentId\" = \"Documents\".\"Id\")";
            link.ExecuteNonQuery();
            transaction.Commit();
        }
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }

    /// <summary>Shared documents without a request, for measurements that add requests of their own.</summary>
    public static IReadOnlyList<Document> Unrequested { get; private set; } = [];

    private static readonly PortalUser Client = new("client", "Contact", false, false, true);

    /// <summary>Ids are the database's to give; a generated data set chooses them itself, so its links line up.</summary>
    public static void SetId(object entity, int id) => entity.GetType().GetProperty("Id")!.SetValue(entity, id);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static readonly string[] Words = ["North", "Harbor", "Cedar", "Blue", "Summit", "River", "Oak", "Silver", "Maple", "Granite", "Willow", "Bright", "Stone", "Golden", "Pine"];
    private static readonly string[] Suffixes = ["Ltd", "LLC", "Bakery", "Studio", "Trust", "Partners", "Holdings", "Design"];
    private static readonly string[] Titles = ["Annual accounts", "VAT return", "Payroll summary", "Tax return", "Management report", "Bank reconciliation", "Engagement letter", "Invoice batch"];
}
