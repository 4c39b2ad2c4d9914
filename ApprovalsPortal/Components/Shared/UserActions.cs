using ApprovalsPortal.Features.Shared;
using MudBlazor;

namespace ApprovalsPortal.Components.Shared;

/// <summary>
/// How every screen and flow reports a user's action: done (an optional success message), refused by the rules
/// (their words, as a warning or kept in the form), or failed (logged, and a message that nothing changed).
/// </summary>
public static class UserActions
{
    public const string FailedMessage = "Something went wrong and nothing was changed. Please try again.";

    /// <summary>True when the action succeeded. A refusal goes to <paramref name="refused"/>, or else to a warning.</summary>
    public static async Task<bool> RunAsync(ISnackbar snackbar, ILogger logger, string userId, Func<Task> action,
        string? successMessage = null, Action<string>? refused = null)
    {
        try
        {
            await action();
            if (successMessage is not null) snackbar.Add(successMessage, Severity.Success);
            return true;
        }
        catch (PortalRuleException ex)
        {
            // Kept in the log too: "it said no" is the first thing support asks about.
            logger.LogInformation("Action refused for {UserId}: {Reason}", userId, ex.Message);
            if (refused is not null) refused(ex.Message);
            else snackbar.Add(ex.Message, Severity.Warning);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Action failed for {UserId}", userId);
            snackbar.Add(FailedMessage, Severity.Error);
            return false;
        }
    }
}
