using System.Text.Json;
using Microsoft.Playwright;

namespace ApprovalsPortal.Tests.Support;

/// <summary>
/// axe-core (from npm, pinned in this project's package-lock.json; the test command installs it) injected into a page
/// and run for WCAG 2.1 A and AA. Returns the critical and serious violations, each as "rule: target (message)".
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Find()));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "ApprovalsPortal.Tests", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("axe-core is missing: run `npm ci` in ApprovalsPortal.Tests (the README's test command does).");
    }

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            // From an address of the portal's own origin that the browser answers itself: the pages' content security
            // policy takes scripts from the portal and refuses inline ones, as it should.
            const string address = "**/__tests/axe.min.js";
            await page.RouteAsync(address, route => route.FulfillAsync(new RouteFulfillOptions { Body = Script.Value, ContentType = "text/javascript" }));
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/__tests/axe.min.js" });
            await page.UnrouteAsync(address);
        }
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return r.violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
                .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' ' + (n.html || '').slice(0, 160) + ' (' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160) + ')'));
            }
            """);
        return result.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
    }
}
