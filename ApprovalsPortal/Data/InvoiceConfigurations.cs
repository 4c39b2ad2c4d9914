using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalsPortal.Data;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> e)
    {
        e.Property(i => i.Number).HasMaxLength(40);
        // Two invoices never share a number, whatever races the sending allows.
        e.HasIndex(i => i.Number).IsUnique().HasFilter("\"Number\" IS NOT NULL");
        e.HasIndex(i => i.ActionItemId).IsUnique().HasFilter("\"ActionItemId\" IS NOT NULL");
        e.HasIndex(i => new { i.ClientAccountId, i.Status });
        e.HasIndex(i => new { i.Status, i.IssueDate });
        e.Property(i => i.Currency).HasMaxLength(3);
        e.Property(i => i.Note).HasMaxLength(InvoiceRules.MaxNoteLength);
        e.Property(i => i.CreatedByName).HasMaxLength(200);
        e.Property(i => i.VoidedByName).HasMaxLength(200);
        e.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
        e.Ignore(i => i.Balance);
        e.HasOne<ClientAccount>().WithMany().HasForeignKey(i => i.ClientAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(i => i.Item).WithOne().HasForeignKey<Invoice>(i => i.ActionItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(i => i.Payments).WithOne().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> e)
    {
        e.Property(l => l.Description).HasMaxLength(InvoiceRules.MaxDescriptionLength);
        e.HasIndex(l => new { l.InvoiceId, l.Position });
    }
}

internal sealed class InvoicePaymentConfiguration : IEntityTypeConfiguration<InvoicePayment>
{
    public void Configure(EntityTypeBuilder<InvoicePayment> e)
    {
        e.Property(p => p.Method).HasMaxLength(InvoicePayment.MaxMethodLength);
        e.Property(p => p.Reference).HasMaxLength(InvoicePayment.MaxReferenceLength);
        e.Property(p => p.RecordedByName).HasMaxLength(200);
    }
}

internal sealed class InvoiceSequenceConfiguration : IEntityTypeConfiguration<InvoiceSequence>
{
    public void Configure(EntityTypeBuilder<InvoiceSequence> e)
    {
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.Prefix).HasMaxLength(20);
    }
}
