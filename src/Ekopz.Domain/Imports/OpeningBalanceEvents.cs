using Ekopz.Domain.Common;
using Ekopz.Domain.Savings;
using NodaTime;

namespace Ekopz.Domain.Imports;

/// <summary>The file an opening balance came from: its name as uploaded and the SHA-256 of its bytes (hex, lower case).</summary>
public sealed record ImportSource(string Kind, string FileName, string Sha256, int Rows);

/// <summary>
/// A member's savings as the koperasi's old books stood at the cut-over date (Meta.BusinessDate), moved in from a
/// spreadsheet: an opening balance, not money paid in today. Posted Dr "saldo awal pindahan" / Cr each savings kind,
/// member by member, so the savings control accounts equal the sum of the members' balances (docs/adr/0033).
/// </summary>
public sealed record MemberOpeningBalancesRecorded(
    Guid MemberId,
    Guid TransactionId,
    Guid ImportId,
    string SourceSha256,
    string SourceFile,
    int SourceRow,
    decimal Pokok,
    decimal Wajib,
    decimal Sukarela,
    EventMeta Meta) : IDomainEvent;

/// <param name="SourceRow">The row of the file the line came from (1 is the header row).</param>
public sealed record OpeningLedgerLine(string AccountCode, decimal Debit, decimal Credit, int SourceRow);

/// <summary>
/// The general ledger's balances at the cut-over date (Meta.BusinessDate), by account, moved in from a spreadsheet.
/// Balanced by construction. Lines of the savings control accounts are posted to "saldo awal pindahan" instead,
/// because the members' own opening balances post those accounts (docs/adr/0033).
/// </summary>
public sealed record LedgerOpeningBalancesRecorded(
    Guid ImportId,
    string SourceSha256,
    string SourceFile,
    IReadOnlyList<OpeningLedgerLine> Lines,
    EventMeta Meta) : IDomainEvent;

/// <summary>
/// One apply of an import: which files were recorded, on the koperasi's import stream. The files' digests are
/// what makes a second apply of the same file record nothing. <paramref name="MemberSavings"/> sums the members'
/// opening savings recorded, <paramref name="LedgerSavings"/> the savings control accounts' opening balances in the
/// ledger file, so a later import is checked against both.
/// </summary>
public sealed record OpeningImportApplied(
    Guid ImportId,
    LocalDate CutOverDate,
    IReadOnlyList<ImportSource> Files,
    int Members,
    SavingsBalances MemberSavings,
    int LedgerLines,
    SavingsBalances LedgerSavings,
    EventMeta Meta,
    SubLedgerOpening? Loans = null,
    SubLedgerOpening? Stock = null) : IDomainEvent;

/// <summary>
/// A sub-ledger opened by an import (docs/adr/0035): how many loans (or products) and the sum of their principal outstanding
/// (or stock value), and the control account's opening balance in the ledger file of the same apply (null when none came).
/// </summary>
public sealed record SubLedgerOpening(int Count, decimal Amount, decimal? LedgerBalance);

/// <summary>What the koperasi has imported so far: the digests of the files applied, and whether the ledger was opened.</summary>
public sealed record OpeningImports(Guid Id, IReadOnlyList<string> AppliedSha256, bool LedgerOpened, LocalDate? CutOverDate,
    SavingsBalances? MemberSavings = null, SavingsBalances? LedgerSavingsBalances = null, decimal LoanPrincipal = 0m, decimal LedgerLoanReceivable = 0m,
    decimal StockValue = 0m, decimal LedgerInventory = 0m)
{
    public decimal Savings(SavingsKind kind) => MemberSavings?.Of(kind) ?? 0m;

    public decimal LedgerSavings(SavingsKind kind) => LedgerSavingsBalances?.Of(kind) ?? 0m;

    public static Guid StreamId(string tenant) => DeterministicGuid.Create("opening-imports:" + tenant);

    public bool Applied(string sha256) => AppliedSha256.Contains(sha256);

    public static OpeningImports? Evolve(OpeningImports? state, object @event) => @event switch
    {
        OpeningImportApplied e => (state ?? new OpeningImports(Guid.Empty, [], false, null)) with
        {
            AppliedSha256 = [.. (state?.AppliedSha256 ?? []), .. e.Files.Select(f => f.Sha256)],
            LedgerOpened = (state?.LedgerOpened ?? false) || e.LedgerLines > 0,
            CutOverDate = state?.CutOverDate ?? e.CutOverDate,
            MemberSavings = Sum(state?.MemberSavings, e.MemberSavings),
            LedgerSavingsBalances = Sum(state?.LedgerSavingsBalances, e.LedgerSavings),
            LoanPrincipal = (state?.LoanPrincipal ?? 0m) + (e.Loans?.Amount ?? 0m),
            LedgerLoanReceivable = (state?.LedgerLoanReceivable ?? 0m) + (e.Loans?.LedgerBalance ?? 0m),
            StockValue = (state?.StockValue ?? 0m) + (e.Stock?.Amount ?? 0m),
            LedgerInventory = (state?.LedgerInventory ?? 0m) + (e.Stock?.LedgerBalance ?? 0m),
        },
        _ => state,
    };

    private static SavingsBalances Sum(SavingsBalances? a, SavingsBalances b) =>
        new((a?.Pokok ?? 0) + b.Pokok, (a?.Wajib ?? 0) + b.Wajib, (a?.Sukarela ?? 0) + b.Sukarela);
}
