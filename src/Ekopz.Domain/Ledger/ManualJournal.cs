using Ekopz.Domain.Common;
using NodaTime;

namespace Ekopz.Domain.Ledger;

public sealed record VoucherLine(string AccountCode, decimal Debit, decimal Credit, string? CashFlow, string? Memo);

/// <summary>A pengurus proposes a manual journal (journal voucher); a second person approves it.</summary>
public sealed record JournalVoucherRequested(Guid VoucherId, LocalDate EntryDate, string Description, IReadOnlyList<VoucherLine> Lines,
    Guid? Corrects, EventMeta Meta) : IDomainEvent;

/// <summary>Approval posts the voucher. Meta.BusinessDate is the entry date; Meta.Actor the approver.</summary>
public sealed record JournalVoucherApproved(Guid VoucherId, string Description, IReadOnlyList<VoucherLine> Lines, string RequestedBy,
    Guid? Corrects, EventMeta Meta) : IDomainEvent;

public sealed record JournalVoucherRejected(Guid VoucherId, string Reason, EventMeta Meta) : IDomainEvent;

public enum VoucherStatus
{
    Requested,
    Approved,
    Rejected,
}

public sealed record JournalVoucher(Guid Id, LocalDate EntryDate, string Description, IReadOnlyList<VoucherLine> Lines, Guid? Corrects,
    VoucherStatus Status, string RequestedBy, Instant RequestedAt, string? DecidedBy = null, Instant? DecidedAt = null, string? RejectionReason = null)
{
    public static JournalVoucher? Evolve(JournalVoucher? state, object @event) => @event switch
    {
        JournalVoucherRequested e => new JournalVoucher(e.VoucherId, e.EntryDate, e.Description, e.Lines, e.Corrects, VoucherStatus.Requested,
            e.Meta.Actor, e.Meta.RecordedAt),
        JournalVoucherApproved e when state is not null => state with { Status = VoucherStatus.Approved, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt },
        JournalVoucherRejected e when state is not null => state with
        {
            Status = VoucherStatus.Rejected, DecidedBy = e.Meta.Actor, DecidedAt = e.Meta.RecordedAt, RejectionReason = e.Reason,
        },
        _ => state,
    };
}

/// <summary>Pure decisions for manual journals: balanced, on active accounts, in an open period, approved by a second person.</summary>
public static class VoucherDecider
{
    /// <param name="correctedEntryExists">Whether <paramref name="corrects"/> names a journal entry of this koperasi (the caller looks).</param>
    public static JournalVoucherRequested Request(Guid id, LocalDate entryDate, string? description, IReadOnlyList<VoucherLine>? lines, Guid? corrects,
        bool correctedEntryExists, Chart chart, EventMeta meta)
    {
        var errors = new Dictionary<string, string[]>();
        if (corrects is { } c && !correctedEntryExists)
            errors["corrects"] = [$"No journal entry {c} in these books: a correction names the entry it corrects."];
        if (string.IsNullOrWhiteSpace(description) || description.Length > 500)
            errors["description"] = ["Describe the adjustment (at most 500 characters)."];
        if (lines is null || lines.Count < 2) errors["lines"] = ["A journal needs at least two lines."];
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var l = lines[i];
                var account = chart.Find(l.AccountCode ?? "");
                if (account is null) errors[$"lines[{i}].accountCode"] = [$"No account {l.AccountCode}."];
                else if (!account.IsActiveOn(entryDate)) errors[$"lines[{i}].accountCode"] = [$"Account {l.AccountCode} is not active on {entryDate:yyyy-MM-dd}."];
                if (l.Debit < 0 || l.Credit < 0 || (l.Debit != 0) == (l.Credit != 0))
                    errors[$"lines[{i}]"] = ["Each line has either a debit or a credit, positive."];
                else if (decimal.Round(l.Debit, 2) != l.Debit || decimal.Round(l.Credit, 2) != l.Credit || l.Debit > Money.Max || l.Credit > Money.Max)
                    errors[$"lines[{i}]"] = ["Amounts have at most 2 decimals."];
                if (l.CashFlow is not null && !CashFlows.All.Contains(l.CashFlow))
                    errors[$"lines[{i}].cashFlow"] = [$"Unknown cash flow category {l.CashFlow}."];
                if (l.Memo is { Length: > 300 }) errors[$"lines[{i}].memo"] = ["At most 300 characters."];
            }
            if (errors.Count == 0 && lines.Sum(l => l.Debit) != lines.Sum(l => l.Credit))
                errors["lines"] = [$"The journal does not balance: debits {lines.Sum(l => l.Debit):N2}, credits {lines.Sum(l => l.Credit):N2}."];
        }
        if (errors.Count > 0) throw new DomainException(ErrorCodes.ValidationFailed, "The adjustment is not valid.", errors);
        return new JournalVoucherRequested(id, entryDate, description!.Trim(), VoucherCashFlow.Infer(lines!, chart), corrects, meta);
    }

    public static JournalVoucherApproved Approve(JournalVoucher? voucher, EventMeta meta)
    {
        if (voucher is null) throw DomainException.NotFound("The adjustment");
        if (voucher.Status != VoucherStatus.Requested)
            throw DomainException.InvalidState($"The adjustment is already {voucher.Status.ToString().ToLowerInvariant()}.");
        if (string.Equals(voucher.RequestedBy, meta.Actor, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(ErrorCodes.SameMakerChecker, "The person who proposed an adjustment cannot approve it.");
        return new JournalVoucherApproved(voucher.Id, voucher.Description, voucher.Lines, voucher.RequestedBy, voucher.Corrects,
            meta with { BusinessDate = voucher.EntryDate });
    }

    public static JournalVoucherRejected Reject(JournalVoucher? voucher, string? reason, EventMeta meta)
    {
        if (voucher is null) throw DomainException.NotFound("The adjustment");
        if (voucher.Status != VoucherStatus.Requested)
            throw DomainException.InvalidState($"The adjustment is already {voucher.Status.ToString().ToLowerInvariant()}.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) throw DomainException.Validation("reason", "Give the reason (at most 500 characters).");
        return new JournalVoucherRejected(voucher.Id, reason.Trim(), meta);
    }
}
