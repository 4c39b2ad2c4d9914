using System.Text.RegularExpressions;

namespace ApprovalsPortal.Tests.Support;

/// <summary>Signs in through the real sign-in form over HTTP (antiforgery token included), for endpoint tests.</summary>
public static partial class HttpSignIn
{
    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/sign-in");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
