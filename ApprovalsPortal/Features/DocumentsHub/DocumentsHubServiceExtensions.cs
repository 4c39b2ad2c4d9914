namespace ApprovalsPortal.Features.DocumentsHub;

public static class DocumentsHubServiceExtensions
{
    public static WebApplicationBuilder AddDocumentsHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DocumentsHubService>();
        return builder;
    }
}
