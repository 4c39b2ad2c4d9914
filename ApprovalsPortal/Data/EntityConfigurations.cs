using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalsPortal.Data;

internal sealed class ClientAccountConfiguration : IEntityTypeConfiguration<ClientAccount>
{
    public void Configure(EntityTypeBuilder<ClientAccount> e)
    {
        e.Property(a => a.Name).HasMaxLength(200).IsRequired();
        // NOCASE so search and sort treat "acme" and "Acme" alike.
        e.Property(a => a.Name).UseCollation("NOCASE");
        e.HasIndex(a => a.Name);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        e.Property(c => c.Name).HasMaxLength(200).IsRequired();
        e.Property(c => c.Email).HasMaxLength(256).IsRequired().UseCollation("NOCASE");
        e.HasOne(c => c.ClientAccount).WithMany(a => a.Contacts).HasForeignKey(c => c.ClientAccountId);
        e.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(c => new { c.ClientAccountId, c.Email }).IsUnique();
        e.HasIndex(c => c.UserId);
    }
}

internal sealed class FolderConfiguration : IEntityTypeConfiguration<Folder>
{
    public void Configure(EntityTypeBuilder<Folder> e)
    {
        e.Property(f => f.Name).HasMaxLength(120).IsRequired().UseCollation("NOCASE");
        e.HasOne(f => f.ClientAccount).WithMany(a => a.Folders).HasForeignKey(f => f.ClientAccountId);
        e.HasIndex(f => new { f.ClientAccountId, f.Name }).IsUnique();
    }
}

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> e)
    {
        e.Property(d => d.Name).HasMaxLength(255).IsRequired();
        e.Property(d => d.Description).HasMaxLength(1000);
        e.Property(d => d.ContentType).HasMaxLength(150);
        e.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        e.Property(d => d.UploadedByUserId).HasMaxLength(64);
        e.Property(d => d.UploadedByName).HasMaxLength(200);
        e.HasOne(d => d.ClientAccount).WithMany().HasForeignKey(d => d.ClientAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(d => d.Folder).WithMany().HasForeignKey(d => d.FolderId).OnDelete(DeleteBehavior.Restrict);
        e.HasQueryFilter(d => d.DeletedAt == null);
        e.HasIndex(d => new { d.FolderId, d.UploadedAt });
        e.HasIndex(d => new { d.ClientAccountId, d.UploadedAt });
        e.HasIndex(d => d.Sha256);
        e.HasIndex(d => new { d.ClientAccountId, d.LastActivityAt });
        // Partial on live documents: counting a 30-day window or the pending approvals reads only the index,
        // never the rows (measured by the benchmark at 100,000 documents).
        e.HasIndex(d => d.LastActivityAt).HasFilter("\"DeletedAt\" IS NULL").HasDatabaseName("IX_Documents_Live_LastActivityAt");
        e.HasIndex(d => d.CurrentApprovalRequestId).HasFilter("\"DeletedAt\" IS NULL").HasDatabaseName("IX_Documents_Live_CurrentApprovalRequestId");
        e.HasIndex(d => new { d.UploadedByUserId, d.LastActivityAt });
        // "Pending payment": few documents are locked, so the index holds only them.
        e.HasIndex(d => d.LockedByInvoiceId).HasFilter("\"LockedByInvoiceId\" IS NOT NULL").HasDatabaseName("IX_Documents_Locked");
        e.HasOne<Features.Invoices.Invoice>().WithMany().HasForeignKey(d => d.LockedByInvoiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ApprovalRequest>().WithMany().HasForeignKey(d => d.CurrentApprovalRequestId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(d => d.AuditEvents).WithOne().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.Property(a => a.ActorUserId).HasMaxLength(64);
        e.Property(a => a.ActorName).HasMaxLength(200);
        e.Property(a => a.Details).HasMaxLength(AuditEvent.MaxDetailsLength);
        e.Property(a => a.ItemKind).HasMaxLength(40);
        e.HasIndex(a => new { a.DocumentId, a.At });
        e.HasIndex(a => new { a.ActionItemId, a.At });
    }
}

internal sealed class AdminAuditEntryConfiguration : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> e)
    {
        e.Property(a => a.ActorUserId).HasMaxLength(64);
        e.Property(a => a.ActorName).HasMaxLength(200);
        e.Property(a => a.Details).HasMaxLength(AdminAuditEntry.MaxDetailsLength);
        e.HasIndex(a => new { a.Area, a.Id });
    }
}

internal sealed class PortalSettingConfiguration : IEntityTypeConfiguration<PortalSetting>
{
    public void Configure(EntityTypeBuilder<PortalSetting> e)
    {
        e.HasKey(s => s.Key);
        e.Property(s => s.Key).HasMaxLength(100);
    }
}

internal sealed class ActionItemAddresseeConfiguration : IEntityTypeConfiguration<ActionItemAddressee>
{
    public void Configure(EntityTypeBuilder<ActionItemAddressee> e)
    {
        e.HasIndex(a => new { a.ActionItemId, a.ContactId }).IsUnique();
        e.HasIndex(a => new { a.ContactId, a.Waiting });
        e.HasOne<Contact>().WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> e)
    {
        e.Property(i => i.Kind).HasMaxLength(40);
        e.Property(i => i.Title).HasMaxLength(ActionItem.MaxTitleLength);
        e.Property(i => i.Message).HasMaxLength(ActionItem.MaxMessageLength);
        e.Property(i => i.RequestedByUserId).HasMaxLength(64);
        e.Property(i => i.RequestedByName).HasMaxLength(200);
        e.Property(i => i.CancelledByName).HasMaxLength(200);
        e.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        e.Ignore(i => i.Reminders);
        e.HasOne(i => i.ClientAccount).WithMany().HasForeignKey(i => i.ClientAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(i => i.Document).WithMany().HasForeignKey(i => i.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.AuditEvents).WithOne().HasForeignKey(a => a.ActionItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.Addressees).WithOne().HasForeignKey(a => a.ActionItemId).OnDelete(DeleteBehavior.Cascade);
        // The database itself refuses a second waiting item of a kind for one document (two approval requests, say),
        // whatever races the UI allows.
        e.HasIndex(i => new { i.DocumentId, i.Kind }).IsUnique()
            .HasFilter("\"Status\" IN ('Pending', 'InProgress') AND \"DocumentId\" IS NOT NULL")
            .HasDatabaseName("IX_ActionItems_OneWaitingPerDocumentAndKind");
        e.HasIndex(i => new { i.Status, i.NextReminderAt });
        e.HasIndex(i => new { i.Status, i.RequestedAt });
        e.HasIndex(i => new { i.ClientAccountId, i.Kind, i.Status });
        e.HasIndex(i => new { i.ClientAccountId, i.TodoAt });
        e.HasIndex(i => i.RequestedAt);
        e.HasIndex(i => i.JobId);
    }
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> e)
    {
        // An approval is its action item's approval part: same id, one row each.
        e.Property(r => r.Id).ValueGeneratedNever();
        e.HasOne(r => r.Item).WithOne().HasForeignKey<ApprovalRequest>(r => r.Id).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(r => r.Status);
        e.Property(r => r.DecisionComment).HasMaxLength(2000);
        e.Property(r => r.DecidedByUserId).HasMaxLength(64);
        e.Property(r => r.DecidedByName).HasMaxLength(200);
        e.HasOne(r => r.Document).WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Reasons).WithOne().HasForeignKey(x => x.ApprovalRequestId);
        e.HasIndex(r => r.DocumentId);
    }
}

internal sealed class DisapprovalReasonConfiguration : IEntityTypeConfiguration<DisapprovalReason>
{
    public void Configure(EntityTypeBuilder<DisapprovalReason> e)
    {
        e.Property(r => r.Text).HasMaxLength(200);
    }
}

internal sealed class DisapprovalReasonOptionConfiguration : IEntityTypeConfiguration<DisapprovalReasonOption>
{
    public void Configure(EntityTypeBuilder<DisapprovalReasonOption> e)
    {
        e.Property(r => r.Text).HasMaxLength(200);
        e.HasData(DisapprovalReasonOption.Defaults);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Features.Email.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Features.Email.OutboxMessage> e)
    {
        e.Property(m => m.MessageId).HasMaxLength(200);
        e.Property(m => m.DeduplicationKey).HasMaxLength(200);
        e.Property(m => m.ToAddress).HasMaxLength(256);
        e.Property(m => m.ToName).HasMaxLength(200);
        e.Property(m => m.Subject).HasMaxLength(500);
        e.Property(m => m.LastError).HasMaxLength(2000);
        // A reminder exists once per request, number and contact, even if a sweep is retried after a crash.
        e.HasIndex(m => m.DeduplicationKey).IsUnique();
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class StaffNotificationConfiguration : IEntityTypeConfiguration<Features.Notifications.StaffNotification>
{
    public void Configure(EntityTypeBuilder<Features.Notifications.StaffNotification> e)
    {
        e.Property(n => n.UserId).HasMaxLength(64);
        e.Property(n => n.Title).HasMaxLength(300);
        e.Property(n => n.Body).HasMaxLength(2000);
        e.Property(n => n.Link).HasMaxLength(500);
        e.HasIndex(n => new { n.UserId, n.ReadAt });
        e.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<Pipeline>
{
    public void Configure(EntityTypeBuilder<Pipeline> e)
    {
        e.Property(p => p.Name).HasMaxLength(Pipeline.MaxNameLength).UseCollation("NOCASE");
        e.HasIndex(p => p.Name).IsUnique();
        e.HasMany(p => p.Stages).WithOne(s => s.Pipeline).HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PipelineStageConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> e)
    {
        // NOCASE: "Filing" and "filing" are one stage name.
        e.Property(s => s.Name).HasMaxLength(Pipeline.MaxNameLength).UseCollation("NOCASE");
        e.Property(s => s.AutomationFolderName).HasMaxLength(200);
        e.Property(s => s.AutomationMessage).HasMaxLength(ActionItem.MaxMessageLength);
        e.Ignore(s => s.Automation);
        e.HasIndex(s => new { s.PipelineId, s.Position });
    }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> e)
    {
        e.Property(j => j.Name).HasMaxLength(Job.MaxNameLength);
        e.Property(j => j.AssigneeUserId).HasMaxLength(64);
        e.Property(j => j.ConcurrencyStamp).IsConcurrencyToken();
        e.Ignore(j => j.IsArchived);
        e.HasOne(j => j.ClientAccount).WithMany().HasForeignKey(j => j.ClientAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(j => j.Pipeline).WithMany().HasForeignKey(j => j.PipelineId).OnDelete(DeleteBehavior.Restrict);
        // Restrict: the database refuses to delete a stage (or pipeline) that still holds a job.
        e.HasOne(j => j.Stage).WithMany().HasForeignKey(j => j.StageId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Identity.AppUser>().WithMany().HasForeignKey(j => j.AssigneeUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(j => j.Activity).WithOne().HasForeignKey(a => a.JobId).OnDelete(DeleteBehavior.Cascade);
        // The board reads a column's active jobs in due-date order.
        e.HasIndex(j => new { j.StageId, j.ArchivedAt, j.DueDate });
        e.HasIndex(j => new { j.ClientAccountId, j.ArchivedAt });
        e.HasIndex(j => j.AssigneeUserId);
        // Items link to jobs by id; a job is archived, never deleted, while items point at it.
        e.HasMany<ActionItem>().WithOne().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JobActivityConfiguration : IEntityTypeConfiguration<JobActivity>
{
    public void Configure(EntityTypeBuilder<JobActivity> e)
    {
        e.Property(a => a.ActorName).HasMaxLength(200);
        e.Property(a => a.Details).HasMaxLength(JobActivity.MaxDetailsLength);
        e.HasIndex(a => new { a.JobId, a.At });
    }
}
