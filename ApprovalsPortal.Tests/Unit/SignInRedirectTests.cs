using ApprovalsPortal.Identity.Pages;

namespace ApprovalsPortal.Tests.Unit;

public sealed class SignInRedirectTests
{
    [Theory]
    [InlineData("/accounts/3", "/accounts/3")]
    [InlineData("/portal/documents/7?x=1", "/portal/documents/7?x=1")]
    [InlineData("https://evil.example/", null)]
    [InlineData("//evil.example/", null)]
    [InlineData("/\\evil.example/", null)]
    [InlineData("/account/sign-in?returnUrl=/x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_local_paths_are_followed_after_sign_in(string? returnUrl, string? expected)
    {
        Assert.Equal(expected, SignIn.SafeReturnUrl(returnUrl));
    }
}
