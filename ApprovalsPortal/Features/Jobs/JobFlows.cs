using ApprovalsPortal.Components.Shared;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ApprovalsPortal.Features.Jobs;

/// <summary>
/// Job actions as staff go through them, the same from the board, the lists and the job page: the dialog, the
/// service call and the message afterwards. One per circuit; a second click while a dialog is open does nothing.
/// Each method returns true when something changed.
/// </summary>
public sealed class JobFlows(
    IDialogService dialogs,
    ISnackbar snackbar,
    JobService jobs,
    JobChanges changes,
    AuthenticationStateProvider authentication,
    ILogger<JobFlows> logger) : UserFlows(authentication)
{
    /// <summary>New job; <paramref name="accountId"/> fixes the account (the account's Jobs tab).</summary>
    public Task<bool> CreateAsync(int? accountId = null, int? pipelineId = null) => OnceAsync(async () =>
    {
        var parameters = new DialogParameters<JobDialog> { { d => d.AccountId, accountId }, { d => d.PipelineId, pipelineId } };
        var dialog = await dialogs.ShowAsync<JobDialog>("New job", parameters, DialogExtensions.Small);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Job created.", Severity.Success);
        return true;
    });

    public Task<bool> EditAsync(int jobId) => OnceAsync(async () =>
    {
        var parameters = new DialogParameters<JobDialog> { { d => d.JobId, jobId } };
        var dialog = await dialogs.ShowAsync<JobDialog>("Edit job", parameters, DialogExtensions.Small);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Job saved.", Severity.Success);
        return true;
    });

    /// <summary>Moves a job by hand, asking first what to do with the requests still waiting for the client.</summary>
    public Task<bool> MoveAsync(int jobId, string jobName, int stageId, string stageName) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var waiting = 0;
        if (!await UserActions.RunAsync(snackbar, logger, actor.UserId, async () => waiting = await jobs.CountWaitingAsync(actor, jobId))) return false;
        var choice = WaitingItemsChoice.KeepWaiting;
        if (waiting > 0)
        {
            var parameters = new DialogParameters<MoveJobDialog>
            {
                { d => d.JobName, jobName }, { d => d.StageName, stageName }, { d => d.Waiting, waiting },
            };
            var dialog = await dialogs.ShowAsync<MoveJobDialog>("Move job", parameters, DialogExtensions.Small);
            if (await dialog.Result is not { Canceled: false, Data: WaitingItemsChoice chosen }) return false;
            choice = chosen;
        }
        return await UserActions.RunAsync(snackbar, logger, actor.UserId,
            () => changes.MoveAsync(actor, new JobMove(jobId, stageId, choice)), $"\"{jobName}\" moved to {stageName}.");
    });

    public Task<bool> ArchiveAsync(int jobId, string jobName) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        var consequences = "";
        if (!await UserActions.RunAsync(snackbar, logger, actor.UserId, async () => consequences = await changes.DescribeArchiveAsync(actor, jobId))) return false;
        if (!await dialogs.ConfirmAsync("Archive job", $"Archive \"{jobName}\"? {consequences}", "Archive")) return false;
        return await UserActions.RunAsync(snackbar, logger, actor.UserId, () => changes.ArchiveAsync(actor, jobId), "Job archived.");
    });

    public Task<bool> UnarchiveAsync(int jobId) => OnceAsync(async () =>
    {
        var actor = await ActorAsync();
        return await UserActions.RunAsync(snackbar, logger, actor.UserId, () => changes.UnarchiveAsync(actor, jobId), "Job unarchived.");
    });

    public Task<bool> LinkItemsAsync(int jobId) => OnceAsync(async () =>
    {
        var parameters = new DialogParameters<LinkItemsDialog> { { d => d.JobId, jobId } };
        var dialog = await dialogs.ShowAsync<LinkItemsDialog>("Link requests", parameters, DialogExtensions.Small);
        if (await dialog.Result is not { Canceled: false }) return false;
        snackbar.Add("Requests linked to the job.", Severity.Success);
        return true;
    });

    public Task<bool> UnlinkAsync(int jobId, int itemId, string title) => OnceAsync(async () =>
    {
        if (!await dialogs.ConfirmAsync("Unlink request",
                $"Unlink \"{title}\" from this job? The request stays with the client; it no longer counts towards the job's automove.", "Unlink"))
            return false;
        var actor = await ActorAsync();
        return await UserActions.RunAsync(snackbar, logger, actor.UserId, () => changes.UnlinkAsync(actor, jobId, itemId), "Request unlinked.");
    });
}
