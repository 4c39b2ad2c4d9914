using ApprovalsPortal.Features.Audit;

namespace ApprovalsPortal.Features.Documents;

public static class DocumentsServiceExtensions
{
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FileStore>();
        builder.Services.AddScoped<DocumentService>();
        builder.Services.AddScoped<AuditService>();
        return builder;
    }
}
