using MudBlazor;

namespace ApprovalsPortal.Components.Layout;

public static class PortalTheme
{
    /// <summary>System fonts: a self-hosted install should not depend on a font CDN.</summary>
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#245c9b",
            Secondary = "#4f7a5a",
            AppbarBackground = "#1f3a5f",
            Background = "#f6f7f9",
            // Darker than MudBlazor's defaults so that text in these colours (chips, alerts, links, labels) reaches
            // WCAG AA contrast (4.5:1) on white and on the page background, and white text on them does too.
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#9a5300",
            Error = "#c62828",
            TextSecondary = "#5f6368",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
