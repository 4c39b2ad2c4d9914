using ApprovalsPortal.Features.DocumentsHub;
using ApprovalsPortal.Identity;
using ApprovalsPortal.Tests.Support;
using Bunit;

namespace ApprovalsPortal.Tests.Components;

public sealed class HubFilterPanelTests : PortalBunitContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SignInAs(await Portal.CreateUserAsync(Roles.Staff, "staff@firm.test", "Sam Staff"), Roles.Staff);
        RenderProviders();
    }

    private static void Check(IRenderedComponent<HubFilterPanel> panel, string testId, bool on) =>
        panel.Find($"[data-testid={testId}] input, input[data-testid={testId}]").Change(on);

    [Fact]
    public void Apply_hands_over_the_chosen_filters_and_nothing_changes_before()
    {
        HubFilter? applied = null;
        var panel = Render<HubFilterPanel>(p => p
            .Add(x => x.Open, true)
            .Add(x => x.Filter, new HubFilter { Tab = HubTab.Approvals })
            .Add(x => x.Applied, f => applied = f));

        Check(panel, "filter-status-pending", true);
        Check(panel, "filter-status-disapproved", true);
        panel.Find("[data-testid=filter-name] input, input[data-testid=filter-name]").Change("Payroll");
        Assert.Null(applied);

        panel.Find("[data-testid=filter-apply]").Click();

        Assert.NotNull(applied);
        Assert.Equal(HubTab.Approvals, applied.Tab);
        Assert.True(applied.Statuses.SetEquals([HubStatus.PendingApproval, HubStatus.Disapproved]));
        Assert.Equal("Payroll", applied.NameContains);
    }

    [Fact]
    public void All_clears_the_chosen_statuses()
    {
        HubFilter? applied = null;
        var panel = Render<HubFilterPanel>(p => p
            .Add(x => x.Open, true)
            .Add(x => x.Filter, new HubFilter { Statuses = new HashSet<HubStatus> { HubStatus.Approved } })
            .Add(x => x.Applied, f => applied = f));
        Check(panel, "filter-status-all", true);
        panel.Find("[data-testid=filter-apply]").Click();
        Assert.Empty(applied!.Statuses);
    }

    [Fact]
    public void Reset_hands_over_a_filter_without_filters_on_the_same_tab()
    {
        HubFilter? applied = null;
        var panel = Render<HubFilterPanel>(p => p
            .Add(x => x.Open, true)
            .Add(x => x.Filter, new HubFilter { Tab = HubTab.Approvals, Statuses = new HashSet<HubStatus> { HubStatus.Approved }, NameContains = "x", Sort = HubSort.RequestedAsc })
            .Add(x => x.Applied, f => applied = f));

        panel.Find("[data-testid=filter-reset]").Click();

        Assert.Equal((HubTab.Approvals, false, HubSort.RequestedAsc), (applied!.Tab, applied.HasFilters, applied.Sort));
    }

    [Fact]
    public void Pending_payment_says_what_it_lists()
    {
        var popovers = Popovers;
        var panel = Render<HubFilterPanel>(p => p.Add(x => x.Open, true).Add(x => x.Filter, new HubFilter()));
        Assert.DoesNotContain("Documents locked until an invoice is paid", popovers.Markup + panel.Markup);

        var tooltip = panel.FindAll(".mud-tooltip-root").Single(t => t.TextContent.Contains("Pending payment"));
        tooltip.TriggerEvent("onpointerenter", new Microsoft.AspNetCore.Components.Web.PointerEventArgs());

        panel.WaitForAssertion(() => Assert.Contains("Documents locked until an invoice is paid: the client sees them listed and cannot open them.", popovers.Markup + panel.Markup));
    }

    [Fact]
    public void Chips_show_each_active_filter_and_closing_one_removes_only_it()
    {
        HubFilter? changed = null;
        var filter = new HubFilter
        {
            Statuses = new HashSet<HubStatus> { HubStatus.PendingApproval, HubStatus.Approved },
            NameContains = "Payroll",
            RequestedFrom = new DateOnly(2026, 3, 1),
        };
        var chips = Render<HubFilterChips>(p => p.Add(x => x.Filter, filter).Add(x => x.Changed, f => changed = f));

        Assert.Equal(["Pending approval", "Approved", "Requested from 1 Mar 2026", "Name contains \"Payroll\""],
            chips.FindAll("[data-testid=filter-chip]").Select(c => c.TextContent.Trim()));

        // The close button sits inside the chip; the first one belongs to the first chip.
        chips.FindAll(".mud-chip-close-button")[0].Click();
        Assert.True(changed!.Statuses.SetEquals([HubStatus.Approved]));
        Assert.Equal(("Payroll", new DateOnly(2026, 3, 1)), (changed.NameContains, changed.RequestedFrom));
    }

    [Fact]
    public void No_chips_without_filters()
    {
        var chips = Render<HubFilterChips>(p => p.Add(x => x.Filter, new HubFilter { Tab = HubTab.Approvals }));
        Assert.Empty(chips.FindAll("[data-testid=filter-chip]"));
    }
}
