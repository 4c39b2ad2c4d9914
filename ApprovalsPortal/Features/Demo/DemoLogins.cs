namespace ApprovalsPortal.Features.Demo;

/// <summary>The demo's people. Shown on the sign-in page only while the demo data is in use.</summary>
public static class DemoLogins
{
    /// <summary>Not a secret: the demo runs on a developer's machine and this is printed on its sign-in page.</summary>
    public const string Password = "demo-portal-2026";

    public static readonly DemoLogin Admin = new("Avery Admin", "admin@demo.test", "Admin");
    public static readonly DemoLogin Staff = new("Sam Staff", "staff@demo.test", "Staff");
    public static readonly DemoLogin Client = new("Olivia Baker", "olivia@northwind.test", "Client (Northwind Bakery)");

    public static IReadOnlyList<DemoLogin> All => [Admin, Staff, Client];
}

public sealed record DemoLogin(string Name, string Email, string Role);
