using System.Text.Json;
using Microsoft.Playwright;

namespace ApprovalsPortal.Tests.Support;

/// <summary>
/// What a reader sees of a page's layout, measured in the browser: neither the page nor a table may scroll sideways
/// (a table's last columns, its statuses and actions, would be out of sight), and no word
/// may be split over two lines (the "Northwi / nd / Bakery" of a squeezed column). Words longer than
/// <see cref="LongestUnbreakableWord"/> characters (file names without spaces, long links) may break: they could not
/// fit a phone's line otherwise. Hyphens and slashes are break points of their own.
/// </summary>
public static class Readability
{
    public const int LongestUnbreakableWord = 24;

    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            (longest) => {
              const problems = [];
              const root = document.documentElement;
              if (root.scrollWidth > window.innerWidth + 1)
                problems.push(`the page scrolls sideways (${root.scrollWidth} px of content in a ${window.innerWidth} px window)`);
              for (const box of document.querySelectorAll('.mud-table-container')) {
                if (box.scrollWidth > box.clientWidth + 1) {
                  const where = box.closest('[data-testid]')?.getAttribute('data-testid') ?? 'a table';
                  // Name the widest cell, which is what to make narrower.
                  const cells = Array.from(box.querySelectorAll('td, th'));
                  const widest = cells.reduce((a, c) => (!a || c.getBoundingClientRect().width > a.getBoundingClientRect().width ? c : a), null);
                  const label = widest ? (widest.getAttribute('data-label') || widest.textContent.trim().slice(0, 40)) + ' ' + Math.round(widest.getBoundingClientRect().width) + ' px' : '';
                  problems.push(`${where} scrolls sideways (${box.scrollWidth} px of columns in ${box.clientWidth} px; widest cell: ${label})`);
                }
              }
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              const range = document.createRange();
              while (walker.nextNode()) {
                const node = walker.currentNode;
                const parent = node.parentElement;
                if (!parent || parent.closest('script, style, textarea, pre, .visually-hidden')) continue;
                const words = /[^\s\-\/\u2013\u2014]+/g;
                let match;
                while ((match = words.exec(node.textContent))) {
                  const word = match[0];
                  if (word.length < 2 || word.length > longest) continue;
                  range.setStart(node, match.index);
                  range.setEnd(node, match.index + word.length);
                  const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0).map(r => Math.round(r.bottom)));
                  if (lines.size > 1) {
                    const where = parent.closest('[data-testid]')?.getAttribute('data-testid') ?? parent.className ?? '';
                    problems.push(`"${word}" is split over ${lines.size} lines in <${parent.tagName.toLowerCase()}> (${String(where).slice(0, 60)})`);
                    if (problems.length >= 12) return problems;
                  }
                }
              }
              return problems;
            }
            """, LongestUnbreakableWord);
        return result.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
    }
}
