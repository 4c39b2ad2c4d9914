using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ApprovalsPortal.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<ClientAccount> ClientAccounts => Set<ClientAccount>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Folder> Folders => Set<Folder>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AdminAuditEntry> AdminAuditEntries => Set<AdminAuditEntry>();
    public DbSet<PortalSetting> PortalSettings => Set<PortalSetting>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<DisapprovalReason> DisapprovalReasons => Set<DisapprovalReason>();
    public DbSet<DisapprovalReasonOption> DisapprovalReasonOptions => Set<DisapprovalReasonOption>();
    public DbSet<Features.Email.OutboxMessage> OutboxMessages => Set<Features.Email.OutboxMessage>();
    public DbSet<Features.Notifications.StaffNotification> StaffNotifications => Set<Features.Notifications.StaffNotification>();
    public DbSet<Pipeline> Pipelines => Set<Pipeline>();
    public DbSet<PipelineStage> PipelineStages => Set<PipelineStage>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<JobActivity> JobActivities => Set<JobActivity>();
    public DbSet<Features.Requests.ClientRequest> ClientRequests => Set<Features.Requests.ClientRequest>();
    public DbSet<Features.Requests.RequestQuestion> RequestQuestions => Set<Features.Requests.RequestQuestion>();
    public DbSet<Features.Requests.RequestAnswer> RequestAnswers => Set<Features.Requests.RequestAnswer>();
    public DbSet<Features.Requests.RequestFile> RequestFiles => Set<Features.Requests.RequestFile>();
    public DbSet<Features.Requests.RequestThirdParty> RequestThirdParties => Set<Features.Requests.RequestThirdParty>();
    public DbSet<Features.Requests.RequestLink> RequestLinks => Set<Features.Requests.RequestLink>();
    public DbSet<Features.ActionItems.ActionItemAddressee> ActionItemAddressees => Set<Features.ActionItems.ActionItemAddressee>();
    public DbSet<Features.Signatures.SignatureRequest> SignatureRequests => Set<Features.Signatures.SignatureRequest>();
    public DbSet<Features.Signatures.Signer> Signers => Set<Features.Signatures.Signer>();
    public DbSet<Features.Chats.ChatThread> ChatThreads => Set<Features.Chats.ChatThread>();
    public DbSet<Features.Chats.ChatMessage> ChatMessages => Set<Features.Chats.ChatMessage>();
    public DbSet<Features.Chats.ChatAttachment> ChatAttachments => Set<Features.Chats.ChatAttachment>();
    public DbSet<Features.Chats.ChatRead> ChatReads => Set<Features.Chats.ChatRead>();
    public DbSet<Features.Invoices.Invoice> Invoices => Set<Features.Invoices.Invoice>();
    public DbSet<Features.Invoices.InvoiceLine> InvoiceLines => Set<Features.Invoices.InvoiceLine>();
    public DbSet<Features.Invoices.InvoicePayment> InvoicePayments => Set<Features.Invoices.InvoicePayment>();
    public DbSet<Features.Invoices.InvoiceSequence> InvoiceSequences => Set<Features.Invoices.InvoiceSequence>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no time zone type: everything is stored as UTC and read back marked as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
