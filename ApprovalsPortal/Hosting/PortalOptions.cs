using System.ComponentModel.DataAnnotations;

namespace ApprovalsPortal.Hosting;

/// <summary>The operator's settings: the "Portal" section of the repository-root appsettings.json.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Holds the SQLite database and the uploaded files. Relative paths start at the working directory.</summary>
    [Required(ErrorMessage = "Portal:DataFolder must name a folder for the database and the uploaded files.")]
    public string DataFolder { get; set; } = "data";

    [Required(ErrorMessage = "Portal:FirmName must be set: it is shown on every page and email.")]
    [StringLength(120, ErrorMessage = "Portal:FirmName must be at most 120 characters.")]
    public string FirmName { get; set; } = "";

    /// <summary>Said when the public address is not an http or https one (by [Url] and by the options' validator).</summary>
    public const string PublicBaseUrlMessage = "Portal:PublicBaseUrl must be an absolute http or https address, such as https://portal.example.com.";

    /// <summary>The address people use to reach the portal; links in emails start with it.</summary>
    [Required(ErrorMessage = "Portal:PublicBaseUrl must be set to the portal's address, for links in emails.")]
    [Url(ErrorMessage = PublicBaseUrlMessage)]
    public string PublicBaseUrl { get; set; } = "http://localhost:5189";

    /// <summary>Seed demo data on a fresh database. Null means: only in the Development environment.</summary>
    public bool? SeedDemoData { get; set; }

    [Required]
    public UploadOptions Uploads { get; set; } = new();

    [Required]
    public ApprovalDefaults Approvals { get; set; } = new();

    [Required]
    public RequestDefaults Requests { get; set; } = new();

    [Required]
    public InvoiceDefaults Invoices { get; set; } = new();

    [Required]
    public ChatDefaults Chats { get; set; } = new();

    [Required]
    public SmtpOptions Smtp { get; set; } = new();

    [Required]
    public SignInLimits SignIn { get; set; } = new();

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed (besides the
    /// machine itself): the client address that rate limits and logs use then is the visitor's, not the proxy's.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    public string MailPickupFolder => Path.Combine(DataFolderFullPath, "mail-pickup");

    public Uri PublicUri(string relative) => new(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), relative.TrimStart('/'));

    public string DataFolderFullPath => Path.GetFullPath(DataFolder);
    public string DatabasePath => Path.Combine(DataFolderFullPath, "portal.db");
    public string FilesFolder => Path.Combine(DataFolderFullPath, "files");
}

public sealed class UploadOptions
{
    [Range(1, 2048, ErrorMessage = "Portal:Uploads:MaxFileSizeMegabytes must be between 1 and 2048.")]
    public int MaxFileSizeMegabytes { get; set; } = 50;

    [Range(1, 100, ErrorMessage = "Portal:Uploads:MaxFilesPerUpload must be between 1 and 100.")]
    public int MaxFilesPerUpload { get; set; } = 20;

    public long MaxFileSizeBytes => MaxFileSizeMegabytes * 1024L * 1024L;
}

/// <summary>What the approval checkmark dialog starts with; staff can change each request.</summary>
public sealed class ApprovalDefaults
{
    public bool RemindersOn { get; set; } = true;

    [Range(1, 365, ErrorMessage = "Portal:Approvals:ReminderIntervalDays must be between 1 and 365.")]
    public int ReminderIntervalDays { get; set; } = 3;

    [Range(1, 20, ErrorMessage = "Portal:Approvals:ReminderCount must be between 1 and 20.")]
    public int ReminderCount { get; set; } = 1;
}

/// <summary>What a new client request starts with, and how long a third party's link works.</summary>
public sealed class RequestDefaults
{
    public bool RemindersOn { get; set; } = true;

    [Range(1, 365, ErrorMessage = "Portal:Requests:ReminderIntervalDays must be between 1 and 365.")]
    public int ReminderIntervalDays { get; set; } = 3;

    [Range(1, 20, ErrorMessage = "Portal:Requests:ReminderCount must be between 1 and 20.")]
    public int ReminderCount { get; set; } = 1;

    /// <summary>Days a link emailed to a third party works (each email carries a fresh one).</summary>
    [Range(1, 365, ErrorMessage = "Portal:Requests:LinkValidDays must be between 1 and 365.")]
    public int LinkValidDays { get; set; } = 30;

    /// <summary>How many link pages one network address may open per minute; more are refused (and logged) as guessing.</summary>
    [Range(1, 10000, ErrorMessage = "Portal:Requests:LinkOpeningsPerMinute must be between 1 and 10000.")]
    public int LinkOpeningsPerMinute { get; set; } = 30;

    /// <summary>Where answers' files go unless the request names another folder; the account gets it when first needed.</summary>
    [Required(ErrorMessage = "Portal:Requests:UploadFolderName must name a folder.")]
    [StringLength(100, ErrorMessage = "Portal:Requests:UploadFolderName must be at most 100 characters.")]
    public string UploadFolderName { get; set; } = "Client uploads";
}

/// <summary>The firm's invoicing: currency, how clients pay, and what a new invoice starts with.</summary>
public sealed class InvoiceDefaults
{
    /// <summary>An ISO 4217 code, printed before every amount.</summary>
    [Required(ErrorMessage = "Portal:Invoices:Currency must be set, such as GBP, EUR or USD.")]
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Portal:Invoices:Currency must be a three-letter currency code, such as GBP, EUR or USD.")]
    public string Currency { get; set; } = "GBP";

    /// <summary>What the first invoice number starts with until an admin changes it in the portal.</summary>
    [StringLength(20, ErrorMessage = "Portal:Invoices:NumberPrefix must be at most 20 characters.")]
    public string NumberPrefix { get; set; } = "INV-";

    /// <summary>How clients pay (bank details): shown on the invoice and in the portal. No card payments are taken.</summary>
    [StringLength(1000, ErrorMessage = "Portal:Invoices:PaymentInstructions must be at most 1000 characters.")]
    public string PaymentInstructions { get; set; } = "";

    [Range(0, 365, ErrorMessage = "Portal:Invoices:DueDays must be between 0 and 365.")]
    public int DueDays { get; set; } = 30;

    public bool RemindersOn { get; set; } = true;

    [Range(1, 365, ErrorMessage = "Portal:Invoices:ReminderIntervalDays must be between 1 and 365.")]
    public int ReminderIntervalDays { get; set; } = 3;

    [Range(1, 20, ErrorMessage = "Portal:Invoices:ReminderCount must be between 1 and 20.")]
    public int ReminderCount { get; set; } = 1;
}

/// <summary>Chats: how messages are emailed, and what a new message's reminders start with.</summary>
public sealed class ChatDefaults
{
    /// <summary>Staff messages within this many minutes of each other go out as one email.</summary>
    [Range(1, 60, ErrorMessage = "Portal:Chats:BurstMinutes must be between 1 and 60.")]
    public int BurstMinutes { get; set; } = 3;

    public bool RemindersOn { get; set; }

    [Range(1, 365, ErrorMessage = "Portal:Chats:ReminderIntervalDays must be between 1 and 365.")]
    public int ReminderIntervalDays { get; set; } = 3;

    [Range(1, 20, ErrorMessage = "Portal:Chats:ReminderCount must be between 1 and 20.")]
    public int ReminderCount { get; set; } = 1;
}

public enum SmtpSecurity
{
    /// <summary>TLS when the server offers it (STARTTLS), or directly on port 465.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The outgoing mail server. With no Host, emails are written as .eml files to data/mail-pickup/.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    [Range(1, 65535, ErrorMessage = "Portal:Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Portal:Smtp:FromAddress must be set: it is the sender of every email.")]
    [EmailAddress(ErrorMessage = "Portal:Smtp:FromAddress must be an email address.")]
    public string FromAddress { get; set; } = "portal@localhost";

    /// <summary>Defaults to the firm's name.</summary>
    public string FromName { get; set; } = "";

    [Range(1, 500, ErrorMessage = "Portal:Smtp:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 50;

    /// <summary>How often the outbox is checked besides right after new mail (which is sent at once).</summary>
    [Range(1, 86400, ErrorMessage = "Portal:Smtp:PollSeconds must be between 1 and 86400.")]
    public int PollSeconds { get; set; } = 15;

    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(Host);
}

/// <summary>How many sign-in attempts one network address may make; see <see cref="PortalRateLimits"/>.</summary>
public sealed class SignInLimits
{
    /// <summary>Posts of the sign-in, first-run and set-password forms per address and window; more wait for the next window.</summary>
    [Range(1, 10000, ErrorMessage = "Portal:SignIn:AttemptsPerAddress must be between 1 and 10000.")]
    public int AttemptsPerAddress { get; set; } = 20;

    [Range(1, 1440, ErrorMessage = "Portal:SignIn:WindowMinutes must be between 1 and 1440.")]
    public int WindowMinutes { get; set; } = 10;
}
