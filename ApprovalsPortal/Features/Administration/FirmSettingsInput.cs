using System.Globalization;
using ApprovalsPortal.Hosting;

namespace ApprovalsPortal.Features.Administration;

/// <summary>
/// The firm settings form: the values in effect when it opened, edited in place. The mail server password is never
/// read back: <see cref="NewSmtpPassword"/> replaces it when filled, <see cref="ClearSmtpPassword"/> removes it.
/// </summary>
public sealed class FirmSettingsInput
{
    public string FirmName { get; set; } = "";
    public string PublicBaseUrl { get; set; } = "";
    public ReminderDefaultsInput Approvals { get; set; } = new();
    public ReminderDefaultsInput Requests { get; set; } = new();
    public ReminderDefaultsInput Invoices { get; set; } = new();
    public int MaxFileSizeMegabytes { get; set; }
    public int MaxFilesPerUpload { get; set; }
    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; }
    public SmtpSecurity SmtpSecurity { get; set; }
    public string SmtpUser { get; set; } = "";
    public bool SmtpPasswordSet { get; init; }
    public string NewSmtpPassword { get; set; } = "";
    public bool ClearSmtpPassword { get; set; }
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "";

    public static FirmSettingsInput From(PortalOptions o) => new()
    {
        FirmName = o.FirmName,
        PublicBaseUrl = o.PublicBaseUrl,
        Approvals = new(o.Approvals.RemindersOn, o.Approvals.ReminderIntervalDays, o.Approvals.ReminderCount),
        Requests = new(o.Requests.RemindersOn, o.Requests.ReminderIntervalDays, o.Requests.ReminderCount),
        Invoices = new(o.Invoices.RemindersOn, o.Invoices.ReminderIntervalDays, o.Invoices.ReminderCount),
        MaxFileSizeMegabytes = o.Uploads.MaxFileSizeMegabytes,
        MaxFilesPerUpload = o.Uploads.MaxFilesPerUpload,
        SmtpHost = o.Smtp.Host,
        SmtpPort = o.Smtp.Port,
        SmtpSecurity = o.Smtp.Security,
        SmtpUser = o.Smtp.User,
        SmtpPasswordSet = !string.IsNullOrEmpty(o.Smtp.Password),
        FromAddress = o.Smtp.FromAddress,
        FromName = o.Smtp.FromName,
    };

    /// <summary>
    /// The form as configuration keys, the names an operator writes in appsettings.json. The password is included
    /// only when it changes.
    /// </summary>
    public Dictionary<string, string?> ToConfiguration()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Portal:FirmName"] = FirmName.Trim(),
            ["Portal:PublicBaseUrl"] = PublicBaseUrl.Trim(),
            ["Portal:Uploads:MaxFileSizeMegabytes"] = Text(MaxFileSizeMegabytes),
            ["Portal:Uploads:MaxFilesPerUpload"] = Text(MaxFilesPerUpload),
            ["Portal:Smtp:Host"] = SmtpHost.Trim(),
            ["Portal:Smtp:Port"] = Text(SmtpPort),
            ["Portal:Smtp:Security"] = SmtpSecurity.ToString(),
            ["Portal:Smtp:User"] = SmtpUser.Trim(),
            ["Portal:Smtp:FromAddress"] = FromAddress.Trim(),
            ["Portal:Smtp:FromName"] = FromName.Trim(),
        };
        Approvals.AddTo(values, "Portal:Approvals");
        Requests.AddTo(values, "Portal:Requests");
        Invoices.AddTo(values, "Portal:Invoices");
        if (!string.IsNullOrEmpty(NewSmtpPassword)) values["Portal:Smtp:Password"] = NewSmtpPassword;
        else if (ClearSmtpPassword) values["Portal:Smtp:Password"] = "";
        return values;
    }

    /// <summary>
    /// The values that differ from <paramref name="baseline"/> (the form as it was loaded): what the admin edited. A
    /// new password is always an edit.
    /// </summary>
    public Dictionary<string, string?> ChangesFrom(IReadOnlyDictionary<string, string?> baseline) =>
        ToConfiguration().Where(v => !baseline.TryGetValue(v.Key, out var was) || was != v.Value)
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase);

    internal static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a new item of one kind starts with: reminders on or off, every how many days, how many.</summary>
public sealed class ReminderDefaultsInput
{
    public ReminderDefaultsInput()
    {
    }

    public ReminderDefaultsInput(bool on, int intervalDays, int count) => (On, IntervalDays, Count) = (on, intervalDays, count);

    public bool On { get; set; }
    public int IntervalDays { get; set; }
    public int Count { get; set; }

    internal void AddTo(Dictionary<string, string?> values, string section)
    {
        values[$"{section}:RemindersOn"] = On ? "true" : "false";
        values[$"{section}:ReminderIntervalDays"] = FirmSettingsInput.Text(IntervalDays);
        values[$"{section}:ReminderCount"] = FirmSettingsInput.Text(Count);
    }
}
