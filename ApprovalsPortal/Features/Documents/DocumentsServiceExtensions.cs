namespace ApprovalsPortal.Features.Documents;

public static class DocumentsServiceExtensions
{
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FileStore>();
        builder.Services.AddScoped<DocumentService>();
        return builder;
    }
}
