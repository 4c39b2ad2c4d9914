using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ApprovalsPortal.Features.Email;

/// <summary>Renders an email template (a Razor component) to HTML with the framework's HtmlRenderer.</summary>
public sealed class EmailComposer(IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    public async Task<EmailContent> ComposeAsync<TTemplate, TModel>(TModel model)
        where TTemplate : IComponent
        where TModel : IEmailModel =>
        (await ComposeManyAsync<TTemplate, TModel>([model]))[0];

    /// <summary>Renders several emails of one template with one renderer (one per recipient of a request, say).</summary>
    public async Task<IReadOnlyList<EmailContent>> ComposeManyAsync<TTemplate, TModel>(IReadOnlyList<TModel> models)
        where TTemplate : IComponent
        where TModel : IEmailModel
    {
        if (models.Count == 0) return [];
        // The renderer needs scoped services of its own; a scope per batch keeps it independent of any caller.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var contents = new List<EmailContent>(models.Count);
            foreach (var model in models)
            {
                var output = await renderer.RenderComponentAsync<TTemplate>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = model }));
                contents.Add(new EmailContent(model.Subject, "<!DOCTYPE html>" + output.ToHtmlString(), model.ToText()));
            }
            return contents;
        });
    }
}
