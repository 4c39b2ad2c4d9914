using System.Reflection;
using NetArchTest.Rules;

namespace ApprovalsPortal.Tests.Unit
{

/// <summary>
/// Feature folders depend in one direction only: each may use the folders before it in <see cref="Order"/>, never one
/// after it, and folders of the same rank (the kinds of action item; the hubs) never use each other. Screens that show
/// several areas live in a hub and compose the areas' components; lower areas reach higher ones only through the
/// interfaces they define themselves (IAccountChangeParticipant, IDocumentChangeParticipant, IAuditLabels).
/// </summary>
public sealed class FeatureDependencyTests
{
    /// <summary>Each inner array is one rank; a folder may use only folders of lower ranks.</summary>
    public static readonly string[][] Order =
    [
        ["Shared"],
        ["Notifications"],
        ["Email"],
        ["Audit"],
        ["Accounts"],
        ["Administration"],
        ["Documents"],
        ["ActionItems"],
        ["Approvals", "Requests", "Invoices", "Signatures", "Chats"],
        ["Jobs"],
        ["DocumentsHub"],
        ["Portal"],
        ["AccountsHub"],
        ["Demo"],
    ];

    private static readonly Assembly Portal = typeof(Program).Assembly;

    private static string Namespace(string folder) => $"ApprovalsPortal.Features.{folder}";

    public static TheoryData<string> Folders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Order.SelectMany(r => r)) data.Add(folder);
        return data;
    }

    [Fact]
    public void Every_feature_folder_has_a_place_in_the_order()
    {
        var folders = Portal.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("ApprovalsPortal.Features.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[2]).Distinct().Order().ToList();
        Assert.Equal(folders, Order.SelectMany(r => r).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_feature_folder_uses_no_folder_at_its_rank_or_above(string folder)
    {
        var rank = Array.FindIndex(Order, r => r.Contains(folder));
        // Namespaces match whole segments: "Documents" does not match "DocumentsHub".
        var forbidden = Order.Skip(rank).SelectMany(r => r).Where(f => f != folder).Select(Namespace).ToArray();
        var types = Types.InAssembly(Portal).That().ResideInNamespaceMatching($"^{Namespace(folder).Replace(".", "\\.")}(\\..*)?$");
        Assert.NotEmpty(types.GetTypes());

        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"{folder} uses a feature folder that builds on it: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>The check above must see uses inside method bodies and lambdas, or it proves nothing.</summary>
    [Theory]
    [InlineData(typeof(DependencyCanaries.UsesInAMethodBody))]
    [InlineData(typeof(DependencyCanaries.UsesInALambda))]
    public void The_check_sees_a_use_inside_code(Type canary)
    {
        var result = Types.InAssembly(typeof(FeatureDependencyTests).Assembly)
            .That().ResideInNamespace(canary.Namespace).And().HaveName(canary.Name)
            .ShouldNot().HaveDependencyOnAny("ApprovalsPortal.Features.Approvals")
            .GetResult();
        Assert.False(result.IsSuccessful);
    }
}
}

namespace ApprovalsPortal.Tests.Unit.DependencyCanaries
{
    public static class UsesInAMethodBody
    {
        public static object? Use() => Features.Approvals.ApprovalRules.CannotRequestReason(default, 0);
    }

    public static class UsesInALambda
    {
        public static Func<object?> Use() => () => Features.Approvals.ApprovalRules.CannotRequestReason(default, 0);
    }
}
