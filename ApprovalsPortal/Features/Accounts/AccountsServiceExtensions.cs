namespace ApprovalsPortal.Features.Accounts;

public static class AccountsServiceExtensions
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<ContactService>();
        return builder;
    }
}
