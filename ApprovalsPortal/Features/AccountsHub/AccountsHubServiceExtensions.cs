namespace ApprovalsPortal.Features.AccountsHub;

public static class AccountsHubServiceExtensions
{
    public static WebApplicationBuilder AddAccountsHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountsHubService>();
        return builder;
    }
}
