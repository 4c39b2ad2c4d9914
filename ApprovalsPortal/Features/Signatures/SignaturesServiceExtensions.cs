using ApprovalsPortal.Features.ActionItems;

namespace ApprovalsPortal.Features.Signatures;

public static class SignaturesServiceExtensions
{
    public static WebApplicationBuilder AddSignatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddActionItemKind<SignatureKind>();
        builder.Services.AddScoped<SignatureService>();
        builder.Services.AddScoped<SignatureSigning>();
        builder.Services.AddSingleton<SignatureMail>();
        builder.Services.AddScoped<SignatureFlows>();
        return builder;
    }
}
