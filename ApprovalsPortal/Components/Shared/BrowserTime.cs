using Microsoft.JSInterop;

namespace ApprovalsPortal.Components.Shared;

/// <summary>
/// The browser's time zone, asked once per circuit, so times show as the reader's local time. Until it is known
/// (or if the browser does not say) times show in UTC.
/// </summary>
public sealed class BrowserTime(IJSRuntime js)
{
    private TimeZoneInfo? zone;
    private Task? loading;

    public Task EnsureLoadedAsync() => loading ??= LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            var id = await js.InvokeAsync<string>("approvalsPortal.timeZone");
            zone = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException or TaskCanceledException)
        {
            zone = TimeZoneInfo.Utc;
        }
    }

    /// <summary>The reader's time zone once known, else UTC.</summary>
    public TimeZoneInfo Zone => zone ?? TimeZoneInfo.Utc;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone ?? TimeZoneInfo.Utc);
}
