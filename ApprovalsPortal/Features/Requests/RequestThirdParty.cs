using System.Security.Cryptography;
using System.Text;

namespace ApprovalsPortal.Features.Requests;

/// <summary>Someone outside the account's portal asked to answer a request (a spouse, an assistant), by link.</summary>
public sealed class RequestThirdParty
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 256;

    public int Id { get; private set; }
    public int ClientRequestId { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public DateTime AddedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedByName { get; private set; }
    public List<RequestLink> Links { get; private set; } = [];

    public static RequestThirdParty Create(string name, string email, DateTime now) => new() { Name = name.Trim(), Email = email.Trim(), AddedAt = now };

    public void Revoke(string byName, DateTime now)
    {
        if (RevokedAt is not null) return;
        RevokedAt = now;
        RevokedByName = byName;
    }
}

/// <summary>
/// One link sent to a third party (each request, resend and reminder email carries a fresh one). Only the token's
/// hash is kept, so the database never holds a working link.
/// </summary>
public sealed class RequestLink
{
    public int Id { get; private set; }
    public int ThirdPartyId { get; private set; }
    public RequestThirdParty? ThirdParty { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? LastOpenedAt { get; set; }

    /// <summary>A new link: the token to put in the email (never stored) and the row that recognises it.</summary>
    public static (string Token, RequestLink Link) Mint(int thirdPartyId, DateTime now, TimeSpan validFor)
    {
        // 256 random bits, URL-safe: far beyond guessing, and the rate limit on the link page slows any attempt.
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, new RequestLink { ThirdPartyId = thirdPartyId, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + validFor });
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token as links carry it: 43 URL-safe characters; anything else is not looked up at all.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
