using System.Globalization;
using System.Text;
using ApprovalsPortal.Identity;

namespace ApprovalsPortal.Features.Requests;

/// <summary>A request's answers as CSV, for a spreadsheet: one row per question, in order.</summary>
public sealed class RequestExport(RequestService requests)
{
    public async Task<(string FileName, byte[] Content)> CsvAsync(PortalUser actor, int requestId, CancellationToken ct = default)
    {
        var details = await requests.GetAsync(actor, requestId, ct);
        var csv = new StringBuilder();
        Row(csv, "Number", "Question", "Type", "Required", "Answer", "Answered by", "Answered at (UTC)");
        foreach (var row in details.Questions.Where(q => q.Question.Type.IsAnswered()))
        {
            var lastFile = row.Files.Count > 0 ? row.Files[^1] : null;
            var at = row.Question.Type == QuestionType.FileUpload ? lastFile?.UploadedAt : row.AnsweredAt;
            var by = row.Question.Type == QuestionType.FileUpload ? lastFile?.UploadedByName : row.AnsweredByName;
            // A number goes out as a number (a spreadsheet reads "-500" as one), not defused like text.
            var answer = row.Question.Type == QuestionType.Number && RequestRules.TryNumber(row.Value, out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : Cell(row.IsAnswered ? RequestAnswerText.Of(row) : "");
            csv.Append(string.Join(",", new[] { row.Number.ToString(CultureInfo.InvariantCulture), row.Question.Label, row.Question.Type.Label(), row.Question.Required ? "yes" : "no" }.Select(Cell)))
                .Append(',').Append(answer).Append(',')
                .Append(string.Join(",", new[] { by ?? "", at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "" }.Select(Cell))).Append("\r\n");
        }
        // A byte order mark, so spreadsheet programs read the text as UTF-8.
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return (FileNameFor(details.Item.Title), content);
    }

    public static string FileNameFor(string title)
    {
        var safe = new string(title.Select(c => Path.GetInvalidFileNameChars().Contains(c) || char.IsControl(c) ? '-' : c).ToArray()).Trim();
        if (safe.Length > 80) safe = safe[..80];
        return (safe.Length == 0 ? "request" : safe) + " - answers.csv";
    }

    private static void Row(StringBuilder csv, params string[] cells) => csv.Append(string.Join(",", cells.Select(Cell))).Append("\r\n");

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe on what a spreadsheet would run as a formula (=, +, -, @), so an
    /// answer can never become a formula on staff's machine.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
