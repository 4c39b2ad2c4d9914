using ApprovalsPortal.Features.Notifications;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Hosting;
using ApprovalsPortal.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Features.Requests;

public sealed partial class RequestAnswerForm
{
    /// <summary>At most this long after the last keystroke, an answer is saved.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(700);

    [Inject] private RequestAnswering Answering { get; set; } = default!;
    [Inject] private PortalEvents Events { get; set; } = default!;
    [Inject] private IOptions<PortalOptions> Options { get; set; } = default!;
    [Inject] private ILogger<RequestAnswerForm> Logger { get; set; } = default!;

    /// <summary>The request, for a signed-in contact (or staff viewing as one).</summary>
    [Parameter] public int? RequestId { get; set; }
    [Parameter] public PortalUser? Viewer { get; set; }
    /// <summary>A third party's link token: the link page renders this form on its own, with its own providers.</summary>
    [Parameter] public string? Token { get; set; }
    [Parameter] public bool Standalone { get; set; }

    private AnswerSheet? sheet;
    private readonly Dictionary<int, AnswerField> fields = [];
    private readonly Dictionary<int, string> fileErrors = [];
    private LinkRefusal? refusal;
    private bool missing;
    private string? submitError;
    private bool submitting;
    private int? uploading;
    private int? focusedId;
    private int accountId;
    private IDisposable? subscription;
    private readonly CancellationTokenSource disposed = new();

    private RequestAnswerer Who => Token is { } token ? RequestAnswerer.ForLink(token) : RequestAnswerer.ForClient(Viewer ?? throw new InvalidOperationException("A viewer or a token is needed."));

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync(initial: true);
        if (sheet is not null) accountId = await Guard(() => Answering.AccountIdAsync(Who, RequestId));
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) subscription = Events.Subscribe(OnEventAsync);
    }

    /// <summary>Another answerer saved, someone submitted, staff cancelled or reopened: show it, keeping unsaved typing.</summary>
    private async Task OnEventAsync(PortalEvent portalEvent)
    {
        if (sheet is null || portalEvent.ActionItemId != sheet.RequestId || portalEvent.ClientAccountId != accountId) return;
        try
        {
            await InvokeAsync(async () =>
            {
                await LoadAsync(initial: false);
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The page closed between the event and the reload.
        }
    }

    private async Task LoadAsync(bool initial)
    {
        var loaded = await Guard(() => Answering.OpenAsync(Who, RequestId));
        if (loaded is null) return;
        sheet = loaded;
        foreach (var row in loaded.Questions)
        {
            if (!fields.TryGetValue(row.QuestionId, out var field))
            {
                fields[row.QuestionId] = new AnswerField(row.QuestionId, row.Value) { SavedAt = initial || row.AnsweredAt is null ? null : row.AnsweredAt };
                continue;
            }
            field.TakeRemote(row.Value, focusedId == row.QuestionId);
        }
        // Questions the firm removed (it may change them while nobody has answered yet) leave the page.
        foreach (var gone in fields.Keys.Except(loaded.Questions.Select(q => q.QuestionId)).ToList())
        {
            fields[gone].Pending?.Cancel();
            fields.Remove(gone);
        }
    }

    /// <summary>Leaving a field applies what another answerer saved meanwhile, unless this one typed something.</summary>
    private void LeftField(int questionId)
    {
        if (focusedId == questionId) focusedId = null;
        if (fields.TryGetValue(questionId, out var field)) field.ApplyHeldRemote();
    }

    /// <summary>A multiple choice's option ticked or unticked, from the value as it is now (two quick taps both count).</summary>
    private Task ToggleAsync(AnswerField field, string option, bool on)
    {
        var chosen = RequestRules.Choices(field.Value) ?? [];
        return ChoseAsync(field, RequestRules.ChoicesValue(on ? [.. chosen, option] : chosen.Where(c => c != option)));
    }

    /// <summary>Answered as the page holds them: typed text counts, files as listed.</summary>
    private int AnsweredCount => sheet?.Questions.Count(q => q.Question.Type == QuestionType.FileUpload
        ? q.Files.Count > 0
        : q.Question.Type.IsAnswered() && fields.TryGetValue(q.QuestionId, out var f) && !string.IsNullOrWhiteSpace(f.Value) && f.Value != "[]") ?? 0;

    private bool SavingAnything => uploading is not null || fields.Values.Any(f => f.State == AnswerSaveState.Saving);

    /// <summary>Runs a call to the service, turning a refused link or a lost right into the page's message.</summary>
    private async Task<T?> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (LinkUnavailableException ex)
        {
            refusal = ex.Refusal;
        }
        catch (NotFoundOrForbiddenException)
        {
            missing = true;
        }
        return default;
    }

    private void Typed(AnswerField field, string? value)
    {
        field.Value = value ?? "";
        field.State = field.IsDirty ? AnswerSaveState.Unsaved : AnswerSaveState.Saved;
        Schedule(field, Debounce);
    }

    private async Task ChoseAsync(AnswerField field, string? value)
    {
        field.Value = value ?? "";
        await SaveNowAsync(field);
    }

    private void Schedule(AnswerField field, TimeSpan after)
    {
        field.Pending?.Cancel();
        var pending = field.Pending = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(after, pending.Token);
                await InvokeAsync(() => SaveNowAsync(field));
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                // Typing went on (a newer save is scheduled), or the page closed.
            }
        });
    }

    /// <summary>Saves the field's value unless the server has it already; a failure keeps the value and tries again.</summary>
    private async Task SaveNowAsync(AnswerField field)
    {
        field.Pending?.Cancel();
        if (!field.IsDirty && field.State != AnswerSaveState.Retrying)
        {
            if (field.State == AnswerSaveState.Unsaved) field.State = AnswerSaveState.Saved;
            return;
        }
        if (field.State == AnswerSaveState.Saving) return;
        var value = field.Value;
        field.State = AnswerSaveState.Saving;
        StateHasChanged();
        try
        {
            field.SavedAt = await Answering.SaveAnswerAsync(Who, RequestId, field.QuestionId, value);
            field.Saved = value;
            field.Attempts = 0;
            field.Error = null;
            field.State = field.IsDirty ? AnswerSaveState.Unsaved : AnswerSaveState.Saved;
            if (field.IsDirty) Schedule(field, TimeSpan.Zero);
        }
        catch (PortalRuleException ex)
        {
            field.State = AnswerSaveState.Invalid;
            field.Error = ex.Message;
            // The request was submitted, cancelled or changed meanwhile: the page shows where it stands now.
            if (!RequestRules.IsFieldMessage(ex.Message)) await LoadAsync(initial: false);
        }
        catch (Exception ex) when (ex is LinkUnavailableException or NotFoundOrForbiddenException)
        {
            await Guard<bool>(() => throw ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "An answer to question {QuestionId} was not saved; trying again", field.QuestionId);
            field.Attempts++;
            field.State = AnswerSaveState.Retrying;
            Schedule(field, field.RetryDelay);
        }
        StateHasChanged();
    }

    private async Task UploadAsync(QuestionAnswerRow row, IReadOnlyList<IBrowserFile>? files)
    {
        if (files is null || files.Count == 0) return;
        fileErrors.Remove(row.QuestionId);
        uploading = row.QuestionId;
        var errors = new List<string>();
        foreach (var file in row.Question.ManyFiles ? files : files.Take(1))
        {
            try
            {
                // The limit is checked again as the bytes arrive; this only stops the browser sending more.
                await using var stream = file.OpenReadStream(Options.Value.Uploads.MaxFileSizeBytes + 1, disposed.Token);
                await Answering.AddFileAsync(Who, RequestId, row.QuestionId, file.Name, file.Size, stream, disposed.Token);
            }
            catch (PortalRuleException ex)
            {
                errors.Add(ex.Message);
            }
            catch (IOException)
            {
                errors.Add($"{file.Name}: the file is larger than the limit of {Options.Value.Uploads.MaxFileSizeMegabytes} MB.");
            }
            catch (Exception ex) when (ex is LinkUnavailableException or NotFoundOrForbiddenException)
            {
                await Guard<bool>(() => throw ex);
                break;
            }
        }
        uploading = null;
        if (errors.Count > 0) fileErrors[row.QuestionId] = string.Join(" ", errors);
        await LoadAsync(initial: false);
    }

    private async Task RemoveFileAsync(AnswerFileRow file)
    {
        try
        {
            await Answering.RemoveFileAsync(Who, RequestId, file.Id);
        }
        catch (PortalRuleException ex)
        {
            submitError = ex.Message;
        }
        await LoadAsync(initial: false);
    }

    private async Task SubmitAsync()
    {
        if (submitting || sheet is null) return;
        submitting = true;
        submitError = null;
        try
        {
            if (uploading is not null)
            {
                submitError = "A file is still uploading: submit once it is listed.";
                return;
            }
            foreach (var field in fields.Values.Where(f => f.IsDirty || f.State == AnswerSaveState.Retrying).ToList()) await SaveNowAsync(field);
            if (fields.Values.Any(f => f.State is AnswerSaveState.Invalid or AnswerSaveState.Retrying))
            {
                submitError = "Some answers are not saved: correct the ones marked in red, or wait until the page says they are saved, then submit again.";
                return;
            }
            await Answering.SubmitAsync(Who, RequestId);
            await LoadAsync(initial: false);
        }
        catch (PortalRuleException ex)
        {
            submitError = ex.Message;
            await LoadAsync(initial: false);
        }
        catch (Exception ex) when (ex is LinkUnavailableException or NotFoundOrForbiddenException)
        {
            await Guard<bool>(() => throw ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Submitting request {RequestId} failed", sheet.RequestId);
            submitError = "The answers could not be submitted just now; nothing is lost. Try again in a moment.";
        }
        finally
        {
            submitting = false;
        }
    }

    public void Dispose()
    {
        subscription?.Dispose();
        disposed.Cancel();
        disposed.Dispose();
        // Closing the page within the pause after typing: what reached the server is saved all the same.
        var who = refusal is null && !missing && sheet is { CanAnswer: true } ? Who : null;
        foreach (var field in fields.Values.Where(f => f.IsDirty && f.State != AnswerSaveState.Invalid && who is not null))
        {
            var (questionId, value) = (field.QuestionId, field.Value);
            _ = SaveOnLeavingAsync(who!, questionId, value);
        }
    }

    private async Task SaveOnLeavingAsync(RequestAnswerer who, int questionId, string value)
    {
        try
        {
            await Answering.SaveAnswerAsync(who, RequestId, questionId, value, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "An answer to question {QuestionId} typed just before the page closed was not saved", questionId);
        }
    }
}
