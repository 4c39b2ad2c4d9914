using ApprovalsPortal.Hosting;

namespace ApprovalsPortal.Tests.Unit;

public sealed class PortalOptionsTests
{
    private static readonly PortalOptionsValidator Validator = new();

    [Fact]
    public void The_shipped_defaults_are_valid()
    {
        var result = Validator.Validate(null, new PortalOptions { FirmName = "A firm" });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_missing_firm_name_is_named_in_the_failure()
    {
        var result = Validator.Validate(null, new PortalOptions { FirmName = "" });
        Assert.True(result.Failed);
        Assert.Contains("Portal:FirmName must be set", result.FailureMessage);
    }

    [Fact]
    public void An_upload_limit_out_of_range_is_named_in_the_failure()
    {
        var result = Validator.Validate(null, new PortalOptions { FirmName = "A firm", Uploads = new UploadOptions { MaxFileSizeMegabytes = 0 } });
        Assert.True(result.Failed);
        Assert.Contains("Portal:Uploads:MaxFileSizeMegabytes must be between 1 and 2048.", result.FailureMessage);
    }

    [Theory]
    [InlineData("ftp://portal.example.com")]
    [InlineData("portal.example.com")]
    public void A_public_address_that_is_not_http_or_https_is_refused_at_start_as_on_the_settings_page(string address)
    {
        var result = Validator.Validate(null, new PortalOptions { FirmName = "A firm", PublicBaseUrl = address });
        Assert.True(result.Failed);
        Assert.Equal(["Portal:PublicBaseUrl must be an absolute http or https address, such as https://portal.example.com."], result.Failures);
    }
}
