namespace ApprovalsPortal.Identity;

/// <summary>Until the firm has an admin, every page leads to the one-time "Create the firm's admin account" page.</summary>
public sealed class FirstRunGate(RequestDelegate next)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context, FirstRunState state)
    {
        var path = context.Request.Path;
        var passes = path.StartsWithSegments(SetupPath)
                     || path.StartsWithSegments("/_framework")
                     || path.StartsWithSegments("/_content")
                     || path.StartsWithSegments("/_blazor")
                     || Path.HasExtension(path.Value);
        if (!passes && !await state.HasAdminAsync(context.RequestAborted))
        {
            context.Response.Redirect(SetupPath);
            return;
        }
        await next(context);
    }
}
