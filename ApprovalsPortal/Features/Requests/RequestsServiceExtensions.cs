using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Requests;

public static class RequestsServiceExtensions
{
    public static WebApplicationBuilder AddRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddActionItemKind<RequestKind>();
        builder.Services.AddSingleton<RequestLinks>();
        builder.Services.AddSingleton<RequestMail>();
        builder.Services.AddScoped<RequestService>();
        builder.Services.AddScoped<RequestAnswering>();
        builder.Services.AddScoped<RequestExport>();
        return builder;
    }
}
