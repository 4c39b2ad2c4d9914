using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ApprovalsPortal.Features.Email;

/// <summary>Renders an email template (a Razor component) to HTML with the framework's HtmlRenderer.</summary>
public sealed class EmailComposer(IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    public async Task<EmailContent> ComposeAsync<TTemplate, TModel>(TModel model)
        where TTemplate : IComponent
        where TModel : IEmailModel
    {
        // The renderer needs scoped services of its own; a scope per email keeps it independent of any caller.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TTemplate>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = model }));
            return output.ToHtmlString();
        });
        return new EmailContent(model.Subject, "<!DOCTYPE html>" + html, model.ToText());
    }
}
