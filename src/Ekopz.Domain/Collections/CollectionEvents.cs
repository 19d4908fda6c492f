using Ekopz.Domain.Common;

namespace Ekopz.Domain.Collections;

/// <summary>
/// One line of a collection batch that was applied: what it paid into the member's savings and loan, and the transactions
/// recorded on the member's and the loan's streams (each carries the batch's id, docs/adr/0036).
/// </summary>
public sealed record CollectedLine(
    int Row,
    string LineKey,
    Guid MemberId,
    string MemberNumber,
    string MemberName,
    decimal Wajib,
    decimal Sukarela,
    Guid? LoanId,
    decimal Installment,
    decimal Penalty,
    decimal Interest,
    decimal Principal,
    Guid? WajibTransactionId,
    Guid? SukarelaTransactionId,
    Guid? LoanTransactionId)
{
    public decimal Total => Wajib + Sukarela + Installment;
}

/// <summary>A line the batch refused: nothing of it was recorded. <paramref name="Code"/> is stable; the message is Indonesian.</summary>
public sealed record RefusedCollectionLine(
    int Row,
    string LineKey,
    string? Member,
    decimal Wajib,
    decimal Sukarela,
    decimal Installment,
    string Code,
    string Message);

/// <summary>
/// A collection batch (e.g. a month's payroll deduction list, <i>potong gaji</i>) was applied. Recorded on the batch's own
/// stream (its id derives from the batch key, so a batch key is applied once). The books post this event alone, as one
/// entry: the cash or bank account debited with the batch's total, so the bank statement shows one amount, and each line's
/// savings and loan accounts credited. The per-line events (<c>SavingsDeposited</c>, <c>LoanPaymentReceived</c>) carry the
/// batch's id and post nothing themselves.
/// </summary>
public sealed record CollectionBatchApplied(
    Guid BatchId,
    string BatchKey,
    string CashPoint,
    string? FileName,
    string? FileSha256,
    IReadOnlyList<CollectedLine> Collected,
    IReadOnlyList<RefusedCollectionLine> Refused,
    EventMeta Meta) : IDomainEvent
{
    public decimal Total => Collected.Sum(l => l.Total);

    /// <summary>The batch's stream: one per batch key per koperasi.</summary>
    public static Guid StreamId(string tenant, string batchKey) => DeterministicGuid.Create($"{tenant}/collection-batch/{batchKey}");
}

/// <summary>The stable codes of a refused line (docs/adr/0036).</summary>
public static class CollectionRefusals
{
    public const string Unreadable = "line_unreadable";
    public const string NothingToCollect = "nothing_to_collect";
    public const string MemberNotFound = "member_not_found";
    public const string MemberNotActive = "member_not_active";
    public const string MemberLeft = "member_left";
    public const string LoanNotFound = "loan_not_found";
    public const string LoanAmbiguous = "loan_ambiguous";
    public const string LoanNotActive = "loan_not_active";
    public const string Overpayment = "overpayment";
    public const string DuplicateLineKey = "duplicate_line_key";
    public const string LineAlreadyApplied = "line_already_applied";
    public const string Refused = "refused";
}
