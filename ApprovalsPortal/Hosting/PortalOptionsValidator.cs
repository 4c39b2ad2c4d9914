using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Hosting;

/// <summary>
/// Checks the data annotations of the options and of their nested sections (which plain data-annotation validation
/// skips), and that the data folder can be created. Each failure names the setting as the operator writes it.
/// </summary>
public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var failures = new List<string>();
        Check(options, failures);
        Check(options.Uploads, failures);
        Check(options.Approvals, failures);
        Check(options.Requests, failures);
        Check(options.Invoices, failures);
        Check(options.Chats, failures);
        Check(options.Smtp, failures);
        Check(options.SignIn, failures);
        // [Url] also lets ftp:// through; links in emails need http or https (its message, the same, says so already).
        if (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var address) && address.Scheme is not ("http" or "https"))
            failures.Add(PortalOptions.PublicBaseUrlMessage);
        foreach (var proxy in options.TrustedProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
                failures.Add($"Portal:TrustedProxies holds \"{proxy}\", which is not an IP address such as 10.0.0.5.");
        }
        if (failures.Count == 0 && !string.IsNullOrWhiteSpace(options.DataFolder))
        {
            try
            {
                Directory.CreateDirectory(options.DataFolderFullPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                failures.Add($"Portal:DataFolder \"{options.DataFolder}\" cannot be created: {ex.Message}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object section, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => r.ErrorMessage ?? "An invalid setting."));
    }
}
