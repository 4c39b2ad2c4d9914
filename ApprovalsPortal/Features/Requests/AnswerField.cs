namespace ApprovalsPortal.Features.Requests;

/// <summary>Where one answer stands on the answering page.</summary>
public enum AnswerSaveState
{
    Saved,
    /// <summary>Typed, waiting for the pause in typing (or leaving the field) that saves it.</summary>
    Unsaved,
    Saving,
    /// <summary>The value does not fit the question; it stays in the field, unsaved, with the reason.</summary>
    Invalid,
    /// <summary>The save failed (the server was busy or unreachable): kept in the field and tried again.</summary>
    Retrying,
}

/// <summary>
/// One answer as the page holds it: what is in the field, what the server last confirmed, and whether the two differ.
/// Nothing typed is dropped: a live update from another answerer only replaces a field that holds no unsaved typing.
/// </summary>
public sealed class AnswerField(int questionId, string saved)
{
    public int QuestionId { get; } = questionId;
    public string Value { get; set; } = saved;
    public string Saved { get; set; } = saved;
    public AnswerSaveState State { get; set; } = AnswerSaveState.Saved;
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public DateTime? SavedAt { get; set; }
    public CancellationTokenSource? Pending { get; set; }

    /// <summary>Another answerer's value that arrived while this field had the focus.</summary>
    public string? HeldRemote { get; private set; }

    public void ApplyHeldRemote()
    {
        if (HeldRemote is not { } value) return;
        HeldRemote = null;
        if (IsDirty || State is AnswerSaveState.Saving or AnswerSaveState.Retrying) return;
        Value = Saved = value;
        State = AnswerSaveState.Saved;
        Error = null;
    }

    public bool IsDirty => Value != Saved;

    /// <summary>A value another answerer saved: taken unless this field holds typing of its own or has the focus.</summary>
    public bool TakeRemote(string value, bool focused)
    {
        HeldRemote = null;
        if (Value == value && !IsDirty) return false;
        if (IsDirty || State is AnswerSaveState.Saving or AnswerSaveState.Retrying) return false;
        if (focused)
        {
            // Not under the cursor: it is applied when the field is left, if nothing was typed by then.
            HeldRemote = value;
            return false;
        }
        Value = Saved = value;
        State = AnswerSaveState.Saved;
        Error = null;
        return true;
    }

    /// <summary>The words beside the field.</summary>
    public string? Caption => State switch
    {
        AnswerSaveState.Saving => "Saving…",
        AnswerSaveState.Unsaved => "Not saved yet",
        AnswerSaveState.Retrying => "Not saved yet: the server could not be reached. Trying again…",
        AnswerSaveState.Invalid => Error,
        _ => SavedAt is null ? null : "Saved",
    };

    /// <summary>Seconds to wait before the next try: 2, 4, 8, then every 15.</summary>
    public TimeSpan RetryDelay => TimeSpan.FromSeconds(Math.Min(15, Math.Pow(2, Math.Min(Attempts, 4))));
}
