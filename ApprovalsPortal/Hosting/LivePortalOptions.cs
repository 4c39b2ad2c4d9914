using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Hosting;

/// <summary>
/// <see cref="IOptions{PortalOptions}"/> that follows the configuration as it changes (the firm settings page saves
/// and reloads it), instead of the framework's value fixed at first use. Every service reads the current settings
/// without knowing they can change.
/// </summary>
internal sealed class LivePortalOptions(IOptionsMonitor<PortalOptions> monitor) : IOptions<PortalOptions>
{
    public PortalOptions Value => monitor.CurrentValue;
}
