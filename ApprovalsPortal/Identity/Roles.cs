namespace ApprovalsPortal.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Client = "Client";

    /// <summary>For [Authorize(Roles = ...)]: the firm's own people.</summary>
    public const string AdminOrStaff = Admin + "," + Staff;

    public static readonly string[] All = [Admin, Staff, Client];
}
