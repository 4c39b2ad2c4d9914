using System.Text.RegularExpressions;

namespace ApprovalsPortal.Features.Chats;

/// <summary>The rules of chats without a database, and how a message's text becomes safe pieces (text and links).</summary>
public static partial class ChatRules
{
    public const int MaxSubjectLength = 200;
    public const int MaxAttachments = 10;

    public static string? CheckText(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0) return "Write a message first.";
        if (trimmed.Length > ChatMessage.MaxLength) return $"A message can be at most {ChatMessage.MaxLength:N0} characters; this one has {trimmed.Length:N0}. Split it in two.";
        return null;
    }

    public static string? CheckSubject(string? subject)
    {
        var trimmed = (subject ?? "").Trim();
        if (trimmed.Length == 0) return "Give the conversation a subject.";
        if (trimmed.Length > MaxSubjectLength) return $"The subject can be at most {MaxSubjectLength} characters.";
        return null;
    }

    /// <summary>One piece of a message: text as typed, or a web address to show as a link.</summary>
    public sealed record Piece(string Text, string? Href);

    /// <summary>
    /// Splits a message into text and links. Only http and https addresses become links (never javascript: or
    /// data:), a trailing full stop or bracket stays text, and everything is shown as text by the screen, never as HTML.
    /// </summary>
    public static IReadOnlyList<Piece> Linkify(string text)
    {
        var pieces = new List<Piece>();
        var at = 0;
        foreach (Match match in Url().Matches(text))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '\'', '"');
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) continue;
            if (match.Index > at) pieces.Add(new Piece(text[at..match.Index], null));
            pieces.Add(new Piece(url, uri.AbsoluteUri));
            at = match.Index + url.Length;
        }
        if (at < text.Length) pieces.Add(new Piece(text[at..], null));
        return pieces;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
