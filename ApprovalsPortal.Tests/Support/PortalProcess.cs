using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Tests.Support;

/// <summary>Starts the built portal as its own process (as an operator would), with extra environment variables.</summary>
public sealed class PortalProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TempDataFolder workingFolder = new();

    public string BaseUrl { get; }

    /// <param name="workingFiles">Files to write into the working folder (the service's state directory) before the start.</param>
    /// <param name="arguments">The program's arguments, such as a command ("backup", folder).</param>
    public PortalProcess(IDictionary<string, string> environment, IDictionary<string, string>? workingFiles = null, IEnumerable<string>? arguments = null)
    {
        foreach (var (name, text) in workingFiles ?? new Dictionary<string, string>()) File.WriteAllText(Path.Combine(workingFolder.Path, name), text);
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet")
        {
            // A working folder with no settings file unless given: the operator's appsettings.json must come from next to the program.
            WorkingDirectory = workingFolder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ApprovalsPortal.dll"));
        foreach (var argument in arguments ?? []) info.ArgumentList.Add(argument);
        info.Environment["ASPNETCORE_URLS"] = BaseUrl;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Portal__DataFolder"] = Path.Combine(workingFolder.Path, "data");
        foreach (var (key, value) in environment) info.Environment[key] = value;
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything (a power cut, the OOM killer).</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        process.WaitForExit(); // flushes the redirected output
        return process.ExitCode;
    }

    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        // One slow first response (the program compiling its pages on a busy machine) must not use up the whole wait.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException("The portal exited: " + Output);
            try
            {
                await http.GetAsync(BaseUrl + "/account/sign-in");
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
        throw new TimeoutException("The portal did not start listening: " + Output);
    }

    /// <summary>Waits (checking every 20 ms) until the condition holds; past the limit it fails with what the program said.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"The condition did not hold within {timeout.TotalSeconds:0} s. The portal said:\n" + Output);
            await Task.Delay(20);
        }
    }

    /// <summary>The database of a data folder, read from outside the program (while it runs, or after it stopped).</summary>
    public static ApprovalsPortal.Data.AppDbContext OpenDatabase(string dataFolder) =>
        new(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<ApprovalsPortal.Data.AppDbContext>()
            .UseSqlite(ApprovalsPortal.Data.DataServiceExtensions.ConnectionStringFor(Path.Combine(dataFolder, "portal.db"))).Options);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
        workingFolder.Dispose();
    }
}
