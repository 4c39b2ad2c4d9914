using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Chats;

/// <summary>Who must answer a thread next, in the lists' words.</summary>
public enum ChatState
{
    /// <summary>The firm wrote last: the client's turn (a to-do in Pending action).</summary>
    AwaitingClient,
    /// <summary>The client wrote last: the firm's turn.</summary>
    AwaitingUs,
    Archived,
}

/// <summary>
/// A conversation with an account on one topic: the chat kind of action item, sharing its id. The item waits while
/// the firm's last message waits for a reply, so its reminders always concern the last message; a client's reply
/// completes it, and the firm's next message asks again. Staff messages are emailed in bursts: the first message
/// of a burst opens <see cref="NotifyFrom"/>, and the email goes once no message has followed for a few minutes.
/// </summary>
public sealed class ChatThread
{
    public const string Kind = "chat";
    public const int MaxExcerptLength = 140;

    private ChatThread()
    {
    }

    public int Id { get; private set; }
    public ActionItem Item { get; private set; } = default!;
    public DateTime LastMessageAt { get; private set; }
    public bool LastFromStaff { get; private set; }
    public string LastAuthorName { get; private set; } = "";
    /// <summary>The start of the last message, for lists.</summary>
    public string LastExcerpt { get; private set; } = "";
    public DateTime? ArchivedAt { get; private set; }
    public string? ArchivedByName { get; private set; }
    /// <summary>Staff messages from this time on are not emailed yet; null when nothing waits to be emailed.</summary>
    public DateTime? NotifyFrom { get; private set; }
    /// <summary>When the waiting burst is emailed, unless another message comes first and moves it on.</summary>
    public DateTime? NotifyAt { get; private set; }
    public List<ChatMessage> Messages { get; private set; } = [];
    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public ChatState State => ArchivedAt is not null ? ChatState.Archived : LastFromStaff ? ChatState.AwaitingClient : ChatState.AwaitingUs;

    public static ChatThread Start(int accountId, string subject, ChatMessage first, ReminderSettings reminders, PortalUser staff, DateTime now, TimeSpan burst,
        int? jobId, string? jobName)
    {
        var item = ActionItem.Send(Kind, accountId, null, subject.Trim(), Excerpt(first.Text), reminders, staff, now,
            "Conversation started; " + reminders.Describe() + (jobName is null ? "" : $"; job \"{jobName}\""), jobId);
        var thread = new ChatThread { Item = item };
        thread.Add(first, now, burst);
        return thread;
    }

    /// <summary>
    /// The firm writes: the client's turn again. The item asks again with this message, so the to-do goes to the top
    /// and reminders (as set with the message) start over from it.
    /// </summary>
    public void Write(ChatMessage message, ReminderSettings reminders, PortalUser staff, DateTime now, TimeSpan burst)
    {
        if (ArchivedAt is not null) throw new PortalRuleException("This conversation is archived. Reopen it to write again.");
        Item.AskAgain(staff, Excerpt(message.Text), reminders, now, "New message; " + reminders.Describe());
        Add(message, now, burst);
    }

    /// <summary>The client answers: the item is done (its reminders stop) until the firm writes again.</summary>
    public void Reply(ChatMessage message, PortalUser client, DateTime now)
    {
        if (ArchivedAt is not null) throw new PortalRuleException("The firm closed this conversation, so it takes no more replies. Write to the firm in another conversation, or contact them.");
        if (Item.Status.IsWaiting()) Item.Complete(client, now, "Replied");
        else Item.Record(client, AuditAction.Completed, "Replied again", now);
        Add(message, now, TimeSpan.Zero);
    }

    public void Archive(PortalUser staff, DateTime now)
    {
        if (ArchivedAt is not null) throw new PortalRuleException("This conversation is archived already.");
        ArchivedAt = now;
        ArchivedByName = staff.Name;
        if (Item.Status.IsWaiting()) Item.Cancel(staff, now, "Conversation archived");
        else Item.Record(staff, AuditAction.Closed, "Conversation archived", now);
        Touch();
    }

    /// <summary>Back from the archive: reminders on again as if the last message were new, when the firm wrote last.</summary>
    public void Reopen(PortalUser staff, ReminderSettings reminders, DateTime now)
    {
        if (ArchivedAt is null) throw new PortalRuleException("This conversation is not archived.");
        ArchivedAt = null;
        ArchivedByName = null;
        // The item still carries the firm's last message when the firm wrote last.
        if (LastFromStaff) Item.AskAgain(staff, Item.Message, reminders with { Enabled = true }, now, "Conversation reopened; " + (reminders with { Enabled = true }).Describe());
        else Item.Record(staff, AuditAction.Reopened, "Conversation reopened", now);
        Touch();
    }

    /// <summary>
    /// "Resend": the last message by email again, now; a burst still waiting goes with it (the email shows the
    /// message the item carries), so nothing reaches the client twice.
    /// </summary>
    public void Resend(PortalUser staff, ReminderSettings reminders, DateTime now)
    {
        if (ArchivedAt is not null) throw new PortalRuleException("This conversation is archived. Reopen it to write again.");
        if (!LastFromStaff) throw new PortalRuleException("The client answered the last message: there is nothing to resend.");
        Item.Resend(staff, Item.Message, reminders, now, "Last message emailed again; " + reminders.Describe());
        Notified();
    }

    /// <summary>The burst is being emailed: staff messages after this start a new one.</summary>
    public void Notified()
    {
        NotifyFrom = null;
        NotifyAt = null;
        Touch();
    }

    private void Add(ChatMessage message, DateTime now, TimeSpan burst)
    {
        Messages.Add(message);
        LastMessageAt = now;
        LastFromStaff = message.FromStaff;
        LastAuthorName = message.AuthorName;
        LastExcerpt = Shorten(message.Text, MaxExcerptLength);
        if (message.FromStaff)
        {
            NotifyFrom ??= now;
            NotifyAt = now + burst;
        }
        Touch();
    }

    /// <summary>What the item carries as its message (emails, to-do): the start of the text.</summary>
    public static string Excerpt(string text) => Shorten(text.Trim(), ActionItem.MaxMessageLength);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}

/// <summary>One message of a thread; attachments became documents of the account.</summary>
public sealed class ChatMessage
{
    public const int MaxLength = 4000;

    public int Id { get; private set; }
    public int ChatThreadId { get; private set; }
    public string AuthorUserId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public bool FromStaff { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime SentAt { get; private set; }
    public List<ChatAttachment> Attachments { get; private set; } = [];

    public static ChatMessage By(PortalUser author, string text, DateTime now)
    {
        if (ChatRules.CheckText(text) is { } problem) throw new PortalRuleException(problem);
        return new ChatMessage { AuthorUserId = author.UserId, AuthorName = author.Name, FromStaff = author.IsStaff, Text = text.Trim(), SentAt = now };
    }
}

public sealed class ChatAttachment
{
    public int Id { get; private set; }
    public int ChatMessageId { get; private set; }
    public int DocumentId { get; private set; }
    public string FileName { get; private set; } = "";

    public static ChatAttachment For(int documentId, string fileName) => new() { DocumentId = documentId, FileName = fileName };
}

/// <summary>How far one person has read a thread: messages after <see cref="ReadUpTo"/> by others are unread.</summary>
public sealed class ChatRead
{
    public int Id { get; private set; }
    public int ChatThreadId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTime ReadUpTo { get; set; }

    public static ChatRead For(int threadId, string userId, DateTime at) => new() { ChatThreadId = threadId, UserId = userId, ReadUpTo = at };
}
