using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ApprovalsPortal.Data;

internal sealed class ClientRequestConfiguration : IEntityTypeConfiguration<ClientRequest>
{
    public void Configure(EntityTypeBuilder<ClientRequest> e)
    {
        // A request is its action item's request part: same id, one row each.
        e.Property(r => r.Id).ValueGeneratedNever();
        e.HasOne(r => r.Item).WithOne().HasForeignKey<ClientRequest>(r => r.Id).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(r => r.Status);
        e.Property(r => r.SubmittedByName).HasMaxLength(200);
        e.Property(r => r.ClosedByName).HasMaxLength(200);
        e.HasOne<Folder>().WithMany().HasForeignKey(r => r.UploadFolderId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(r => r.Questions).WithOne().HasForeignKey(q => q.ClientRequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(r => r.ThirdParties).WithOne().HasForeignKey(t => t.ClientRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequestQuestionConfiguration : IEntityTypeConfiguration<RequestQuestion>
{
    public void Configure(EntityTypeBuilder<RequestQuestion> e)
    {
        e.Property(q => q.Label).HasMaxLength(RequestRules.MaxLabelLength);
        e.Property(q => q.Description).HasMaxLength(RequestRules.MaxDescriptionLength);
        e.Property(q => q.Options).HasMaxLength(RequestRules.MaxOptions * (RequestRules.MaxOptionLength + 8));
        e.HasIndex(q => new { q.ClientRequestId, q.Position });
    }
}

internal sealed class RequestAnswerConfiguration : IEntityTypeConfiguration<RequestAnswer>
{
    public void Configure(EntityTypeBuilder<RequestAnswer> e)
    {
        e.Property(a => a.Value).HasMaxLength(RequestRules.MaxLongAnswerLength);
        e.Property(a => a.UpdatedByName).HasMaxLength(200);
        // One current answer per question: two saves racing for the same question update one row.
        e.HasIndex(a => a.QuestionId).IsUnique();
        e.HasIndex(a => a.ClientRequestId);
        e.HasOne<RequestQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ClientRequest>().WithMany().HasForeignKey(a => a.ClientRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequestFileConfiguration : IEntityTypeConfiguration<RequestFile>
{
    public void Configure(EntityTypeBuilder<RequestFile> e)
    {
        e.Property(f => f.FileName).HasMaxLength(RequestFile.MaxNameLength);
        e.Property(f => f.ContentType).HasMaxLength(200);
        e.Property(f => f.Sha256).HasMaxLength(64);
        e.Property(f => f.UploadedByName).HasMaxLength(200);
        e.HasIndex(f => new { f.ClientRequestId, f.QuestionId });
        e.HasOne<RequestQuestion>().WithMany().HasForeignKey(f => f.QuestionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ClientRequest>().WithMany().HasForeignKey(f => f.ClientRequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Document>().WithMany().HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RequestThirdPartyConfiguration : IEntityTypeConfiguration<RequestThirdParty>
{
    public void Configure(EntityTypeBuilder<RequestThirdParty> e)
    {
        e.Property(t => t.Name).HasMaxLength(RequestThirdParty.MaxNameLength);
        e.Property(t => t.Email).HasMaxLength(RequestThirdParty.MaxEmailLength);
        e.Property(t => t.RevokedByName).HasMaxLength(200);
        e.HasMany(t => t.Links).WithOne(l => l.ThirdParty).HasForeignKey(l => l.ThirdPartyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequestLinkConfiguration : IEntityTypeConfiguration<RequestLink>
{
    public void Configure(EntityTypeBuilder<RequestLink> e)
    {
        e.Property(l => l.TokenHash).HasMaxLength(64);
        e.HasIndex(l => l.TokenHash).IsUnique();
    }
}
