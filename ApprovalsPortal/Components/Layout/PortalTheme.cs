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
