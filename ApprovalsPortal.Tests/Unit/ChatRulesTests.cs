using ApprovalsPortal.Features.Chats;

namespace ApprovalsPortal.Tests.Unit;

public sealed class ChatRulesTests
{
    [Fact]
    public void Only_http_and_https_addresses_become_links_and_trailing_punctuation_stays_text()
    {
        var pieces = ChatRules.Linkify("See https://example.com/a?b=1. Or javascript:alert(1) and (http://x.test/y).");
        Assert.Equal([("See ", null), ("https://example.com/a?b=1", "https://example.com/a?b=1"), (". Or javascript:alert(1) and (", null), ("http://x.test/y", "http://x.test/y"), (").", null)],
            pieces.Select(p => (p.Text, p.Href)));
    }

    [Fact]
    public void Html_is_kept_as_text()
    {
        var pieces = ChatRules.Linkify("<b>bold</b> <a href=\"https://evil.test\">x</a>");
        Assert.Equal("<b>bold</b> <a href=\"", pieces[0].Text);
        Assert.Null(pieces[0].Href);
        Assert.Equal("https://evil.test/", pieces[1].Href);
        Assert.Equal("<b>bold</b> <a href=\"https://evil.test\">x</a>", string.Concat(pieces.Select(p => p.Text)));
    }

    [Fact]
    public void Messages_and_subjects_have_limits_with_messages()
    {
        Assert.Equal("Write a message first.", ChatRules.CheckText("   "));
        Assert.Contains("at most 4,000 characters; this one has 4,001", ChatRules.CheckText(new string('a', 4001)));
        Assert.Null(ChatRules.CheckText(new string('a', 4000)));
        Assert.Equal("Give the conversation a subject.", ChatRules.CheckSubject(""));
        Assert.NotNull(ChatRules.CheckSubject(new string('s', 201)));
    }
}
