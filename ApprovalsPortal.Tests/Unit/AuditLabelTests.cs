using ApprovalsPortal.Features.Audit;

namespace ApprovalsPortal.Tests.Unit;

public sealed class AuditLabelTests
{
    /// <summary>The trail names every action in words: a new action without a label would show as "ReminderSent".</summary>
    [Fact]
    public void Every_audit_action_has_words_of_its_own()
    {
        var audit = new AuditService(null!, []);
        foreach (var action in Enum.GetValues<AuditAction>())
        {
            var label = audit.Label(new AuditEntry(0, action, null, "", "", default));
            var raw = action.ToString();
            Assert.False(raw.Skip(1).Any(char.IsUpper) && label == raw, $"{raw} has no words in the audit trail.");
            Assert.False(string.IsNullOrWhiteSpace(label));
        }
    }
}
