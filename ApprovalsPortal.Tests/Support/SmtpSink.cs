using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace ApprovalsPortal.Tests.Support;

/// <summary>
/// A real SMTP server on loopback (Debian's python3-aiosmtpd running Support/smtp_sink.py) that keeps every message
/// it accepts. It can be stopped and started again on the same port to play an outage.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly TempDataFolder folder = new();
    private Process? process;

    public int Port { get; } = FreePort();

    public static string Python => Environment.GetEnvironmentVariable("PORTAL_TEST_PYTHON") ?? "/usr/bin/python3";

    public Dictionary<string, string?> Settings => new()
    {
        ["Portal:Smtp:Host"] = "127.0.0.1",
        ["Portal:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Smtp:Security"] = "None",
        ["Portal:Smtp:FromAddress"] = "portal@firm.test",
    };

    public static SmtpSink Start()
    {
        var sink = new SmtpSink();
        sink.Resume();
        return sink;
    }

    public void Resume()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "smtp_sink.py");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { script, "127.0.0.1", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), folder.Path }) info.ArgumentList.Add(arg);
        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        var ready = process.StandardOutput.ReadLine();
        if (ready != "ready")
            throw new InvalidOperationException($"The SMTP sink did not start ({Python} with aiosmtpd): {process.StandardError.ReadToEnd()}");
    }

    public void Stop()
    {
        if (process is null) return;
        process.StandardInput.Close();
        if (!process.WaitForExit(5000)) process.Kill(entireProcessTree: true);
        process.Dispose();
        process = null;
    }

    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.EnumerateFiles(folder.Path, "*.eml").Select(path => MimeMessage.Load(path)).OrderBy(m => m.Date).ToList();

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase))).ToList();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Stop();
        folder.Dispose();
    }
}
