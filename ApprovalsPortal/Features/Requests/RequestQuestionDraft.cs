namespace ApprovalsPortal.Features.Requests;

/// <summary>
/// A question as staff build it in the editor (and as a sent request keeps it). <paramref name="Options"/> are the
/// choices of a single or multiple choice question; <paramref name="ManyFiles"/> lets a file question take several.
/// </summary>
public sealed record RequestQuestionDraft(
    QuestionType Type,
    string Label,
    string Description = "",
    bool Required = false,
    IReadOnlyList<string>? Options = null,
    bool ManyFiles = false)
{
    public IReadOnlyList<string> Choices => Options ?? [];
}

/// <summary>The editor's list operations: pure, so the editor and its tests share them.</summary>
public static class QuestionList
{
    public static IReadOnlyList<RequestQuestionDraft> Move(IReadOnlyList<RequestQuestionDraft> questions, int from, int to)
    {
        if (from < 0 || from >= questions.Count) throw new ArgumentOutOfRangeException(nameof(from));
        var list = questions.ToList();
        var moved = list[from];
        list.RemoveAt(from);
        list.Insert(Math.Clamp(to, 0, list.Count), moved);
        return list;
    }

    /// <summary>A copy right after the original, its label marked so the two can be told apart.</summary>
    public static IReadOnlyList<RequestQuestionDraft> Duplicate(IReadOnlyList<RequestQuestionDraft> questions, int index)
    {
        if (index < 0 || index >= questions.Count) throw new ArgumentOutOfRangeException(nameof(index));
        var list = questions.ToList();
        var copy = list[index] with { Label = CopyLabel(list[index].Label), Options = list[index].Choices.ToList() };
        list.Insert(index + 1, copy);
        return list;
    }

    public static IReadOnlyList<RequestQuestionDraft> Remove(IReadOnlyList<RequestQuestionDraft> questions, int index)
    {
        if (index < 0 || index >= questions.Count) throw new ArgumentOutOfRangeException(nameof(index));
        var list = questions.ToList();
        list.RemoveAt(index);
        return list;
    }

    private static string CopyLabel(string label)
    {
        var copy = label + " (copy)";
        return copy.Length <= RequestRules.MaxLabelLength ? copy : label;
    }
}
