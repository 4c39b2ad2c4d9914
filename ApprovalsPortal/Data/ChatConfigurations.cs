using ApprovalsPortal.Features.Chats;
using ApprovalsPortal.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalsPortal.Data;

internal sealed class ChatThreadConfiguration : IEntityTypeConfiguration<ChatThread>
{
    public void Configure(EntityTypeBuilder<ChatThread> e)
    {
        // A thread is its action item's chat part: same id, one row each.
        e.Property(t => t.Id).ValueGeneratedNever();
        e.HasOne(t => t.Item).WithOne().HasForeignKey<ChatThread>(t => t.Id).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(t => t.State);
        e.Property(t => t.ArchivedByName).HasMaxLength(200);
        e.Property(t => t.LastAuthorName).HasMaxLength(200);
        e.Property(t => t.LastExcerpt).HasMaxLength(ChatThread.MaxExcerptLength);
        e.Property(t => t.ConcurrencyStamp).IsConcurrencyToken();
        e.HasIndex(t => t.NotifyAt).HasFilter("\"NotifyAt\" IS NOT NULL");
        e.HasIndex(t => t.LastMessageAt);
        e.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.ChatThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> e)
    {
        e.Property(m => m.Text).HasMaxLength(ChatMessage.MaxLength);
        e.Property(m => m.AuthorUserId).HasMaxLength(64);
        e.Property(m => m.AuthorName).HasMaxLength(200);
        e.HasIndex(m => new { m.ChatThreadId, m.SentAt });
        e.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.ChatMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChatAttachmentConfiguration : IEntityTypeConfiguration<ChatAttachment>
{
    public void Configure(EntityTypeBuilder<ChatAttachment> e)
    {
        e.Property(a => a.FileName).HasMaxLength(255);
        e.HasOne<Document>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChatReadConfiguration : IEntityTypeConfiguration<ChatRead>
{
    public void Configure(EntityTypeBuilder<ChatRead> e)
    {
        e.Property(r => r.UserId).HasMaxLength(64);
        e.HasIndex(r => new { r.ChatThreadId, r.UserId }).IsUnique();
        e.HasIndex(r => r.UserId);
        e.HasOne<ChatThread>().WithMany().HasForeignKey(r => r.ChatThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}
