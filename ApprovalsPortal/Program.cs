using ApprovalsPortal.Hosting;
using Microsoft.Extensions.Options;

// "backup <folder>" and "restore <folder>" run instead of the portal.
if (await PortalCommands.TryRunAsync(args) is { } commandExitCode) return commandExitCode;

var builder = WebApplication.CreateBuilder(PortalHostExtensions.BuilderOptions(args));
builder.AddPortal();
var app = builder.Build();

try
{
    await app.PreparePortalAsync();
}
catch (OptionsValidationException ex)
{
    // An operator's typo should read as a sentence naming the setting, not as a stack trace.
    Console.Error.WriteLine("ApprovalsPortal cannot start: invalid settings in appsettings.json or the environment.");
    foreach (var failure in ex.Failures) Console.Error.WriteLine("  - " + failure);
    return 1;
}
catch (ApprovalsPortal.Data.DataFolderInUseException ex)
{
    Console.Error.WriteLine("ApprovalsPortal cannot start: " + ex.Message);
    return 1;
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    // A value of the wrong kind, such as "abc" for a number: the binder's message names the setting's path.
    Console.Error.WriteLine("ApprovalsPortal cannot start: invalid settings in appsettings.json or the environment.");
    Console.Error.WriteLine("  - " + ex.Message);
    return 1;
}

app.MapPortal();
await app.RunAsync();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
