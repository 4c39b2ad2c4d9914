using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Signatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalsPortal.Data;

internal sealed class SignatureRequestConfiguration : IEntityTypeConfiguration<SignatureRequest>
{
    public void Configure(EntityTypeBuilder<SignatureRequest> e)
    {
        // A signature request is its action item's signature part: same id, one row each.
        e.Property(r => r.Id).ValueGeneratedNever();
        e.HasOne(r => r.Item).WithOne().HasForeignKey<SignatureRequest>(r => r.Id).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(r => r.Status);
        e.Property(r => r.OriginalSha256).HasMaxLength(64).IsFixedLength();
        e.HasIndex(r => r.DocumentId);
        e.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Document>().WithMany().HasForeignKey(r => r.SignedDocumentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Signers).WithOne().HasForeignKey(s => s.SignatureRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignerConfiguration : IEntityTypeConfiguration<Signer>
{
    public void Configure(EntityTypeBuilder<Signer> e)
    {
        e.Property(s => s.Name).HasMaxLength(Signer.MaxNameLength);
        e.Property(s => s.Email).HasMaxLength(256);
        e.Property(s => s.SignedName).HasMaxLength(Signer.MaxNameLength);
        e.Property(s => s.IpAddress).HasMaxLength(64);
        e.HasIndex(s => new { s.SignatureRequestId, s.Position });
        // No foreign key to the contact: a signer (name and email kept here) stays on the record after the
        // contact is removed, since the signature happened.
    }
}
