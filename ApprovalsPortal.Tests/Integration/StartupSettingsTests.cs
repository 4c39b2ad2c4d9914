using ApprovalsPortal.Tests.Support;

namespace ApprovalsPortal.Tests.Integration;

/// <summary>
/// The settings an operator edits, seen from outside: the real program started as a process. The waits are long
/// because a fresh process compiles and migrates while the rest of the suite keeps both cores busy.
/// </summary>
public sealed class StartupSettingsTests
{
    [Fact]
    public async Task An_invalid_setting_stops_the_start_with_a_message_naming_it()
    {
        using var portal = new PortalProcess(new Dictionary<string, string> { ["Portal__Uploads__MaxFileSizeMegabytes"] = "0" });
        var exitCode = await portal.WaitForExitAsync(TimeSpan.FromSeconds(180));
        Assert.Equal(1, exitCode);
        Assert.Contains("invalid settings", portal.Output);
        Assert.Contains("Portal:Uploads:MaxFileSizeMegabytes must be between 1 and 2048.", portal.Output);
    }

    [Fact]
    public async Task The_shipped_appsettings_apply_and_environment_variables_override_them()
    {
        using var portal = new PortalProcess(new Dictionary<string, string> { ["Portal__FirmName"] = "Override & Sons" });
        await portal.WaitUntilListeningAsync(TimeSpan.FromSeconds(180));
        using var http = new HttpClient();
        // Production with no admin: the first-run page, under the firm name from the environment.
        var page = await http.GetStringAsync(portal.BaseUrl + "/setup");
        Assert.Contains("Override &amp; Sons", page);
        Assert.DoesNotContain("Harbor &amp; Pine Accounting", page);
    }

    [Fact]
    public async Task Without_overrides_the_firm_name_comes_from_the_repository_appsettings()
    {
        using var portal = new PortalProcess(new Dictionary<string, string>());
        await portal.WaitUntilListeningAsync(TimeSpan.FromSeconds(180));
        using var http = new HttpClient();
        Assert.Contains("Harbor &amp; Pine Accounting", await http.GetStringAsync(portal.BaseUrl + "/setup"));
    }

    [Fact]
    public async Task Settings_in_the_working_folders_appsettings_Production_json_override_the_shipped_file_and_the_environment_overrides_both()
    {
        // The installation the README describes: the firm's settings next to its data, where upgrades leave them.
        var firmSettings = new Dictionary<string, string> { ["appsettings.Production.json"] = """{ "Portal": { "FirmName": "Working Folder LLP" } }""" };
        using (var portal = new PortalProcess(new Dictionary<string, string>(), firmSettings))
        {
            await portal.WaitUntilListeningAsync(TimeSpan.FromSeconds(180));
            using var http = new HttpClient();
            var page = await http.GetStringAsync(portal.BaseUrl + "/setup");
            Assert.Contains("Working Folder LLP", page);
            Assert.DoesNotContain("Harbor &amp; Pine Accounting", page);
        }
        using (var portal = new PortalProcess(new Dictionary<string, string> { ["Portal__FirmName"] = "Environment LLP" }, firmSettings))
        {
            await portal.WaitUntilListeningAsync(TimeSpan.FromSeconds(180));
            using var http = new HttpClient();
            Assert.Contains("Environment LLP", await http.GetStringAsync(portal.BaseUrl + "/setup"));
        }
    }
}
