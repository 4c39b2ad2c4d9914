using ApprovalsPortal.Components;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Accounts;
using ApprovalsPortal.Features.AccountsHub;
using ApprovalsPortal.Features.Administration;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Demo;
using ApprovalsPortal.Features.Documents;
using ApprovalsPortal.Features.DocumentsHub;
using ApprovalsPortal.Features.Email;
using ApprovalsPortal.Features.Invoices;
using ApprovalsPortal.Features.Signatures;
using ApprovalsPortal.Features.Chats;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Portal;
using ApprovalsPortal.Features.Requests;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.Json;
using MudBlazor.Services;

namespace ApprovalsPortal.Hosting;

public static class PortalHostExtensions
{
    /// <summary>
    /// The working directory is the content root (data/ lives there), but a published build's web assets sit
    /// next to the program, wherever it is started from.
    /// </summary>
    public static WebApplicationOptions BuilderOptions(string[] args)
    {
        var publishedWebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return new WebApplicationOptions { Args = args, WebRootPath = Directory.Exists(publishedWebRoot) ? publishedWebRoot : null };
    }

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.AddOperatorSettings();
        // Under systemd (deploy/approvals-portal.service): readiness once listening, and logs in journald's format.
        // Elsewhere it does nothing.
        builder.Host.UseSystemd();
        // Serves library assets (MudBlazor, blazor.web.js) from a build, whatever the environment; a published
        // build has no such manifest and serves them from its own wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddOptions<PortalOptions>()
            .Bind(builder.Configuration.GetSection(PortalOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IOptions<PortalOptions>, LivePortalOptions>();
        builder.Services.AddSingleton<FirmSettingsSource>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
        {
            // A page that loses its connection (a laptop's lid, a phone's locked screen, a train) keeps its circuit, and
            // all it holds, until it reconnects or this time passes; a page closed normally releases its circuit at once.
            // One minute instead of the default three: a page back within a minute finds its circuit, a later one starts
            // afresh at the same address (ReconnectModal resumes or reloads it). Waiting longer keeps memory (up to a
            // megabyte per staff page, see the benchmark) mostly for pages that never come back.
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(1);
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ClientAddress>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, ClientAddressCircuitHandler>();
        builder.Services.AddMudServices(c => c.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        builder.Services.AddScoped<ApprovalsPortal.Components.Shared.BrowserTime>();

        builder.AddPortalData();
        builder.AddPortalIdentity();
        // Features in the order they build on each other (see FeatureDependencyTests).
        builder.AddNotifications();
        builder.AddEmail();
        builder.AddAudit();
        builder.AddAccounts();
        builder.AddAdministration();
        builder.AddDocuments();
        builder.AddActionItems();
        builder.AddApprovals();
        builder.AddRequests();
        builder.AddInvoices();
        builder.AddSignatures();
        builder.AddChats();
        builder.AddJobs();
        builder.AddDocumentsHub();
        builder.AddClientPortal();
        builder.AddAccountsHub();
        builder.AddDemo();
        builder.Services.AddScoped<PortalSettingsService>();
        builder.Services.AddPortalRateLimits();
        builder.Services.AddPortalHealth();
        return builder;
    }

    /// <summary>
    /// The operator's appsettings.json sits at the repository root and is copied next to the program on build and
    /// publish. It is added first, so appsettings.{Environment}.json, environment variables and the command line
    /// override it.
    /// </summary>
    private static void AddOperatorSettings(this WebApplicationBuilder builder)
    {
        var source = new JsonConfigurationSource
        {
            Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
            Optional = true,
            ReloadOnChange = false,
        };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
    }

    public static async Task PreparePortalAsync(this WebApplication app)
    {
        await app.Services.InitializeDatabaseAsync();
        using (var scope = app.Services.CreateScope())
        {
            var cutOff = scope.ServiceProvider.GetRequiredService<Features.Documents.FileStore>().ClearStaging();
            if (cutOff > 0) app.Logger.LogInformation("Removed {Count} partly received uploads left by the last run", cutOff);
            var interrupted = await scope.ServiceProvider.GetRequiredService<Features.Email.OutboxDispatcher>().RecoverInterruptedAsync();
            if (interrupted > 0)
                app.Logger.LogWarning("{Count} emails were being sent when the portal stopped; they are marked failed on Outgoing mail to check and retry", interrupted);
        }
        // The firm settings page's values go last, over every other source (a test host's too), once the database exists.
        var firmSettings = app.Services.GetRequiredService<FirmSettingsSource>();
        firmSettings.Provider.DatabasePath = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.DatabasePath;
        ((IConfigurationBuilder)app.Configuration).Add(firmSettings);
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        // Behind a reverse proxy on the same machine (the documented setup), links and cookies use the public scheme.
        // Another machine's proxy is believed only when named in Portal:TrustedProxies. First, so that everything
        // after it (HSTS, rate limits, logs) sees the visitor's scheme and address.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.TrustedProxies)
            forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        app.UseForwardedHeaders(forwarded);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        if (app.Environment.IsProduction())
        {
            // Browsers that saw the portal over HTTPS keep to HTTPS (sent only on HTTPS responses, so only behind TLS).
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UsePortalHealth();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseMiddleware<FirstRunGate>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        // The page's own policy (SecurityHeaders) includes frame-ancestors; the framework's separate header is not needed.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapIdentityEndpoints();
        app.MapDocumentEndpoints();
        app.MapRequestEndpoints();
        app.MapInvoiceEndpoints();
        return app;
    }
}
