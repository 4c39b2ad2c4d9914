using System.Globalization;
using System.Text.RegularExpressions;
using ApprovalsPortal.Data;
using ApprovalsPortal.Features.Shared;
using ApprovalsPortal.Identity;
using Microsoft.EntityFrameworkCore;

namespace ApprovalsPortal.Features.Invoices;

/// <summary>The firm's numbering as an admin sees and sets it.</summary>
public sealed record InvoiceNumbering(string Prefix, int NextNumber, string? LastNumber, string Currency, string PaymentInstructions)
{
    public string NextPreview => InvoiceMath.Number(Prefix, NextNumber);
}

/// <summary>Invoice numbers: a prefix and the next number, which admins set; a number is never given twice.</summary>
public sealed partial class InvoiceService
{
    public const int MaxPrefixLength = 20;
    public const int MaxNextNumber = 99_999_999;

    [GeneratedRegex(@"^[A-Za-z0-9 ._/-]*$")]
    private static partial Regex PrefixCharacters();

    public async Task<InvoiceNumbering> GetNumberingAsync(PortalUser actor, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sequence = await db.InvoiceSequences.AsNoTracking().SingleOrDefaultAsync(s => s.Id == InvoiceSequence.SingletonId, ct);
        var last = await db.Invoices.AsNoTracking().Where(i => i.Number != null).OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id)
            .Select(i => i.Number).FirstOrDefaultAsync(ct);
        return new InvoiceNumbering(sequence?.Prefix ?? Defaults.NumberPrefix, sequence?.NextNumber ?? 1, last, Defaults.Currency, Defaults.PaymentInstructions);
    }

    /// <summary>Everything wrong with a prefix and next number, before the database is asked about numbers in use.</summary>
    public static IReadOnlyList<string> ValidateNumbering(string? prefix, int nextNumber)
    {
        var errors = new List<string>();
        prefix ??= "";
        if (prefix.Length > MaxPrefixLength) errors.Add($"The prefix must be at most {MaxPrefixLength} characters.");
        if (!PrefixCharacters().IsMatch(prefix)) errors.Add("The prefix may hold letters, digits, spaces and . _ / - only.");
        if (nextNumber is < 1 or > MaxNextNumber) errors.Add($"The next number must be between 1 and {MaxNextNumber.ToString("N0", CultureInfo.InvariantCulture)}.");
        return errors;
    }

    /// <summary>
    /// Sets the prefix and the next number. A number already given with that prefix cannot come again: the next
    /// number must be above the highest one used.
    /// </summary>
    public async Task SetNumberingAsync(PortalUser actor, string prefix, int nextNumber, CancellationToken ct = default)
    {
        actor.RequireAdmin();
        prefix = prefix ?? "";
        var errors = ValidateNumbering(prefix, nextNumber);
        if (errors.Count > 0) throw new PortalRuleException(string.Join(" ", errors));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var highest = await HighestUsedAsync(db, prefix, ct);
        if (highest is { } used && nextNumber <= used)
            throw new PortalRuleException($"{InvoiceMath.Number(prefix, used)} was given already: with this prefix the next number must be at least {used + 1}.");
        var sequence = await db.InvoiceSequences.SingleOrDefaultAsync(s => s.Id == InvoiceSequence.SingletonId, ct);
        if (sequence is null) db.InvoiceSequences.Add(new InvoiceSequence { Prefix = prefix, NextNumber = nextNumber });
        else (sequence.Prefix, sequence.NextNumber) = (prefix, nextNumber);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Invoice numbering set to {Prefix}{Next} by {UserId}", prefix, nextNumber, actor.UserId);
    }

    /// <summary>The highest number given with this prefix, read from the invoices themselves.</summary>
    private static async Task<int?> HighestUsedAsync(AppDbContext db, string prefix, CancellationToken ct)
    {
        var numbers = await db.Invoices.AsNoTracking().Where(i => i.Number != null && i.Number.StartsWith(prefix)).Select(i => i.Number!).ToListAsync(ct);
        int? highest = null;
        foreach (var number in numbers)
        {
            if (int.TryParse(number.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (highest is null || n > highest)) highest = n;
        }
        return highest;
    }
}
