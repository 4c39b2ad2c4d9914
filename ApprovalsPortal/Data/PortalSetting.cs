namespace ApprovalsPortal.Data;

/// <summary>Small facts the install keeps about itself, such as whether the demo data is in use.</summary>
public sealed class PortalSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";

    public const string DemoData = "DemoData";
}
