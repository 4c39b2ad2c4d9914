using System.Security.Claims;
using ApprovalsPortal.Features.Approvals;
using ApprovalsPortal.Features.Invoices;
using ApprovalsPortal.Features.Jobs;
using ApprovalsPortal.Features.Signatures;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace ApprovalsPortal.Tests.Support;

/// <summary>
/// bUnit with MudBlazor services (JS interop loose), the portal's real services over a real SQLite file as the
/// fallback provider, and a signed-in user.
/// </summary>
public abstract class PortalBunitContext : BunitContext, IAsyncLifetime
{
    protected PortalServices Portal { get; private set; } = default!;

    /// <summary>Extra settings for the portal under test.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Changes to the portal's own services under test (an interceptor that makes a save fail, say).</summary>
    protected virtual void ConfigurePortal(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        // Renders wait on real SQLite queries; a shared 2-core machine can be slow, so waits are generous.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Portal = await PortalServices.StartAsync(Settings, ConfigurePortal);
        // bUnit registers the options system itself; hand it the portal's configured options explicitly.
        Services.AddSingleton(Portal.Services.GetRequiredService<IOptions<PortalOptions>>());
        // Flows that open dialogs and show messages must use bUnit's dialog service, snackbar and signed-in user,
        // so they are made here rather than taken from the portal's own container.
        // (bUnit's container builds them, but their services come from the portal's.)
        Services.AddScoped(s => new ApprovalFlows(s.GetRequiredService<IDialogService>(), s.GetRequiredService<ISnackbar>(), Portal.Get<ApprovalService>(),
            s.GetRequiredService<AuthenticationStateProvider>(), Portal.Get<ILogger<ApprovalFlows>>()));
        Services.AddScoped(s => new JobFlows(s.GetRequiredService<IDialogService>(), s.GetRequiredService<ISnackbar>(), Portal.Get<JobService>(),
            Portal.Get<JobChanges>(), s.GetRequiredService<AuthenticationStateProvider>(), Portal.Get<ILogger<JobFlows>>()));
        Services.AddScoped(s => new SignatureFlows(s.GetRequiredService<IDialogService>(), s.GetRequiredService<ISnackbar>(), Portal.Get<SignatureService>(),
            s.GetRequiredService<AuthenticationStateProvider>(), Portal.Get<ILogger<SignatureFlows>>()));
        Services.AddScoped(s => new InvoiceFlows(s.GetRequiredService<IDialogService>(), s.GetRequiredService<ISnackbar>(), Portal.Get<InvoiceService>(),
            Portal.Get<Features.Documents.DocumentService>(), s.GetRequiredService<AuthenticationStateProvider>(), Portal.Get<ILogger<InvoiceFlows>>()));
        Services.AddFallbackServiceProvider(Portal.Services);
    }

    protected void SignInAs(PortalUser user, string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(user.Name);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.UserId), new Claim(PortalClaims.DisplayName, user.Name));
    }

    /// <summary>Renders the popover and dialog providers so menus and dialogs appear in the markup under test.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Popovers = Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>Where tooltips, menus and selects render once <see cref="RenderProviders"/> ran.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Portal.DisposeAsync();
    }
}
