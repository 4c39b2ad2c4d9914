using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Documents;

namespace ApprovalsPortal.Features.Chats;

/// <summary>A new conversation as staff start it; files were checked and stored already, and become documents with the message.</summary>
public sealed record ChatStartInput(int AccountId, string Subject, string Text, int? JobId, ReminderSettings Reminders, IReadOnlyList<StagedUpload> Files);

/// <summary>A staff message in a thread, with the reminders it asks for.</summary>
public sealed record ChatMessageInput(string Text, ReminderSettings Reminders, IReadOnlyList<StagedUpload> Files);

/// <summary>Which threads a list shows; every field is in the page's URL.</summary>
public sealed record ChatFilter(ChatState? State = null, int? AccountId = null, string? Search = null);

public sealed record ChatListRow(
    int Id,
    string Subject,
    int AccountId,
    string AccountName,
    ChatState State,
    DateTime LastMessageAt,
    string LastAuthorName,
    string LastExcerpt,
    int Unread,
    string? JobName,
    bool RemindersEnabled,
    int RemindersSent,
    int ReminderCount,
    DateTime? NextReminderAt);

/// <summary>A file attached to a message; <paramref name="Available"/> is false once the reader cannot open its document.</summary>
public sealed record ChatAttachmentRow(int DocumentId, string FileName, bool Available);

public sealed record ChatMessageRow(int Id, string AuthorName, bool FromStaff, string Text, DateTime SentAt, IReadOnlyList<ChatAttachmentRow> Attachments);

/// <summary>A thread as its page shows it, to staff or to the client.</summary>
public sealed record ChatThreadView(
    int Id,
    string Subject,
    int AccountId,
    string AccountName,
    ChatState State,
    ActionItemSummary Item,
    IReadOnlyList<ChatMessageRow> Messages,
    int? JobId,
    string? JobName,
    DateTime? ArchivedAt,
    string? ArchivedByName);

/// <summary>What the new-conversation form needs about the account.</summary>
public sealed record ChatStartContext(int AccountId, string AccountName, IReadOnlyList<JobOption> Jobs, IReadOnlyList<ActionItemRecipient> Recipients, int PortalContactCount);
