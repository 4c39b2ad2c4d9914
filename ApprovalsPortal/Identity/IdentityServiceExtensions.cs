using ApprovalsPortal.Data;
using ApprovalsPortal.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace ApprovalsPortal.Identity;

public static class IdentityServiceExtensions
{
    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "ApprovalsPortal.Auth";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // A revoked login (deactivated, role changed) is refused at once; otherwise the security stamp is checked.
            o.Events.OnValidatePrincipal = async context =>
            {
                var userId = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                var revocations = context.HttpContext.RequestServices.GetRequiredService<SessionRevocations>();
                if (userId is not null && revocations.IsRevoked(userId, context.Properties.IssuedUtc))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        // The stamp check reads the database; once a minute per cookie keeps a deactivation final across restarts.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddSingleton<SessionRevocations>();
        services.AddScoped<IUserConfirmation<AppUser>, ActiveUserConfirmation>();
        services.AddAuthorization();
        // Keys live with the data, so restarts keep people signed in and invitation links valid.
        services.AddDataProtection().SetApplicationName("ApprovalsPortal");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<PortalOptions>>((keys, portal) =>
                keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(portal.Value.DataFolderFullPath, "keys")), NullLoggerFactory.Instance));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                // Length over composition rules (NIST SP 800-63B): clients pick passphrases they remember.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // "Confirmed" means not deactivated (ActiveUserConfirmation): a deactivated login cannot sign in.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();

        // Invitation links stay valid for a week: clients do not always read their mail the same day.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(7));
        services.AddSingleton<FirstRunState>();
        services.AddScoped<UserAdministration>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-out", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            // Another site must not be able to sign people out: the form carries an antiforgery token.
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/sign-in");
        });
        return endpoints;
    }
}
