using ApprovalsPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Requests;

/// <summary>Reads shared by staff's request page and the answering page: questions beside their answers and files.</summary>
public static class RequestQueries
{
    public static async Task<IReadOnlyList<QuestionAnswerRow>> QuestionsAsync(AppDbContext db, int requestId, CancellationToken ct)
    {
        var questions = await db.RequestQuestions.AsNoTracking().Where(q => q.ClientRequestId == requestId).OrderBy(q => q.Position).ToListAsync(ct);
        var answers = await db.RequestAnswers.AsNoTracking().Where(a => a.ClientRequestId == requestId).ToDictionaryAsync(a => a.QuestionId, ct);
        var files = (await db.RequestFiles.AsNoTracking().Where(f => f.ClientRequestId == requestId).OrderBy(f => f.Id).ToListAsync(ct))
            .ToLookup(f => f.QuestionId, f => new AnswerFileRow(f.Id, f.FileName, f.SizeBytes, f.ContentType, f.UploadedAt, f.UploadedByName, f.DocumentId));
        var number = 0;
        return questions.Select(q =>
        {
            answers.TryGetValue(q.Id, out var answer);
            return new QuestionAnswerRow(q.Id, q.Type.IsAnswered() ? ++number : 0, q.ToDraft(), answer?.Value ?? "", answer?.UpdatedAt, answer?.UpdatedByName, files[q.Id].ToList());
        }).ToList();
    }

    /// <summary>How many answered questions each request has (text answers and file questions with a file), in one query each.</summary>
    public static async Task<IReadOnlyDictionary<int, int>> AnsweredCountsAsync(AppDbContext db, IReadOnlyCollection<int> requestIds, CancellationToken ct)
    {
        var text = await db.RequestAnswers.AsNoTracking().Where(a => requestIds.Contains(a.ClientRequestId) && a.Value != "" && a.Value != "[]")
            .Select(a => new { a.ClientRequestId, a.QuestionId }).ToListAsync(ct);
        var files = await db.RequestFiles.AsNoTracking().Where(f => requestIds.Contains(f.ClientRequestId))
            .Select(f => new { f.ClientRequestId, f.QuestionId }).Distinct().ToListAsync(ct);
        return text.Concat(files).Distinct().GroupBy(x => x.ClientRequestId).ToDictionary(g => g.Key, g => g.Count());
    }
}
