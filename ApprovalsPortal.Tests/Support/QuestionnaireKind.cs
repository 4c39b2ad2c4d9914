using System.Linq.Expressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.ActionItems;
using ApprovalsPortal.Features.Audit;

namespace ApprovalsPortal.Tests.Support;

/// <summary>A second kind of action item, as a later feature would plug in, to show the shared life works for any kind.</summary>
public sealed class QuestionnaireKind : IActionItemKind
{
    public const string Key = "questionnaire";

    string IActionItemKind.Key => Key;

    public string Icon => MudBlazor.Icons.Material.Filled.Quiz;

    public string TodoCaption => "Questions sent";

    public string StatusText(ActionItemStatus status) => status == ActionItemStatus.Done ? "Answered" : status.ToString();

    public string PortalHref(ActionItemLink item) => $"/portal/questions/{item.Id}";

    public string StaffHref(ActionItemLink item) => $"/questions/{item.Id}";

    public ActionItemEmailText EmailText(ActionItemEmailKind email, string firmName, string title) => email switch
    {
        ActionItemEmailKind.Reminder => new($"Reminder: answer {title}", $"{firmName} still needs your answers:", "Answer now"),
        _ => new($"Please answer: {title}", $"{firmName} has a few questions:", "Answer now"),
    };

    public ActionItemEmailText ListEmailText(ActionItemEmailKind email, int count, string firmName, string firstTitle) =>
        new($"{(email == ActionItemEmailKind.Reminder ? "Reminder: " : "")}{count} questionnaires", "Please answer:", "Answer now");

    public string? AuditLabel(AuditAction action) => action == AuditAction.Completed ? "Answered" : null;

    public Expression<Func<ActionItem, bool>> CanRemind(AppDbContext db) => _ => true;
}
