using System.Text;
using System.Text.Json;
using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Members;
using Ekopz.Domain.Common;
using Ekopz.Domain.Imports;
using Ekopz.Domain.Ledger;
using Ekopz.Domain.Members;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Savings;
using Ekopz.Domain.Shop;
using Ekopz.Api.Shop;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Imports;

/// <summary>
/// Moving in from spreadsheets (docs/adr/0033): members with their opening savings, and the general ledger's opening
/// balances, at a cut-over date. The dry run reads and checks and records nothing; the apply records everything or
/// nothing, as events that say "opening balance" and name the file's SHA-256, and records nothing for a file applied before.
///
/// On Wolverine's write path (docs/adr/0042): the dry run reads through a session it never saves (no transaction is opened, so
/// nothing can be written); the apply checks first on such a session, adds the clearing account in a unit of work of its own, and
/// records in the session Wolverine opened for the koperasi, under an advisory lock per koperasi (one apply at a time: the
/// "applied before?" check and the Idempotency-Key lookup see every earlier commit), committed by Wolverine's middleware.
/// </summary>
public static class OpeningBalanceEndpoints
{
    /// <summary>Check an opening-balance import without recording anything (dry run)</summary>
    /// <remarks>
    /// Pengurus only. The body carries the cut-over date and one or both filled-in templates (xlsx or CSV, base64, at most
    /// 10 MB each). Answers the report: every problem by file, row and column, in Indonesian (a NIK that is not 16 digits, in
    /// scientific notation, twice in the file or already a member; a date or amount that cannot be read; an unknown account;
    /// an unbalanced opening journal; savings control accounts that differ from the members' savings), and a summary of what
    /// would be recorded. A file that is not xlsx or CSV, is empty, or holds formulas or merged cells is 400
    /// <c>file_refused</c>; a file over 10 MB is 413 <c>file_too_large</c>; a cut-over date in a closed month is 422
    /// <c>period_closed</c>. Nothing is written.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/imports/opening-balances/dry-run", OperationId = "dryRunOpeningBalances")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Imports")]
    [ProducesResponseType<OpeningBalancesReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> DryRun(string kop, OpeningBalancesImportRequest request, HttpContext http, IDocumentStore store,
        IClock clock, KoperasiContextCache contexts) =>
        Results.Json((await CheckUnsaved(kop, request, http, store, clock, contexts)).Report(applied: false), ApiJson.Options);

    /// <summary>
    /// The checks on the records as they are, in a session that is disposed unsaved: what the dry run answers, and the apply's
    /// first look (outside any transaction, so that problems answer the whole report).
    /// </summary>
    private static async Task<OpeningBalancePlan> CheckUnsaved(string kop, OpeningBalancesImportRequest request, HttpContext http,
        IDocumentStore store, IClock clock, KoperasiContextCache contexts)
    {
        await using var query = store.LightweightSession(kop);
        var context = await contexts.Get(query, kop, http.RequestAborted);
        var scope = new CommandScope(query, Caller.From(http.User), context.Settings, clock.GetCurrentInstant(), Correlation.Of(http), context.ClosedPeriods);
        return OpeningBalancePlan.Check(request, await Context(scope, request));
    }

    /// <summary>Record an opening-balance import (all or nothing)</summary>
    /// <remarks>
    /// Pengurus only. The same body as the dry run. When the dry run finds no problem, records in one transaction: each member
    /// (<c>MemberRegistered</c> dated the join date, <c>MemberActivated</c>, <c>MemberOpeningBalancesRecorded</c> dated the
    /// cut-over day), the ledger's <c>LedgerOpeningBalancesRecorded</c>, and <c>OpeningImportApplied</c> naming each file's
    /// SHA-256; the books post them at once, so the trial balance balances and the savings control accounts equal the members'
    /// savings. A file applied before is skipped: applying the same file twice records nothing the second time
    /// (<c>nothingToApply</c>). Problems are 422 <c>import_has_problems</c> with the report in <c>report</c>; the file refusals are
    /// as for the dry run. Send an <c>Idempotency-Key</c> header to retry safely.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/imports/opening-balances/apply", OperationId = "applyOpeningBalances")]
    [Authorize(Policy = Policies.Pengurus)]
    [Tags("Imports")]
    [ProducesResponseType<OpeningBalancesReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(422)]
    [HonoursIdempotencyKey]
    public static async Task<IResult> Apply(string kop, OpeningBalancesImportRequest request, HttpContext http, IDocumentSession session,
        IDocumentStore store, IClock clock, KoperasiContextCache contexts)
    {
        var ct = http.RequestAborted;
        // Check first without a transaction, so that problems answer the whole report (the apply checks again inside it).
        var first = await CheckUnsaved(kop, request, http, store, clock, contexts);
        if (first.Problems.Count > 0)
        {
            var problem = Problems.Create(http, ErrorCodes.ImportHasProblems,
                $"Impor belum dapat diterapkan: {first.Problems.Count} masalah ditemukan. Perbaiki berkasnya lalu unggah lagi; tidak ada yang dicatat.");
            problem.Extensions["report"] = first.Report(applied: false);
            return Results.Json(problem, ApiJson.Options, "application/problem+json", problem.Status);
        }
        if (first.Files.All(f => f.AlreadyApplied)) return Results.Json(first.Report(applied: false), ApiJson.Options);

        // The other side of the opening entries: added to the chart in a unit of work of its own (the ledger reads one
        // chart per unit of work), once per koperasi.
        await EnsureClearingAccount(store, clock, contexts, http, kop);

        var scope = await WritePath.Scope(kop, http, session, contexts, clock);
        // One apply per koperasi at a time (the import's stream may not exist yet, so there is no row to lock): a second apply of
        // the same file waits, then finds it applied; a repeat with the same Idempotency-Key waits, then replays the first answer.
        await WritePath.Serialize(session, $"opening-import:{kop}", ct);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(session, http, key) is { } replay) return replay;

        var plan = OpeningBalancePlan.Check(request, await Context(scope, request));
        if (plan.Problems.Count > 0)
            throw new DomainException(ErrorCodes.ImportHasProblems,
                $"Impor belum dapat diterapkan: {plan.Problems.Count} masalah ditemukan (data berubah sejak pemeriksaan). Periksa lagi.");
        if (plan.Files.All(f => f.AlreadyApplied))
            return IdempotencyKeys.Answer(session, key, CommandResult.Ok(plan.Report(applied: false)), scope.Now);
        var importId = Guid.NewGuid();
        await Record(scope, plan, importId);
        return IdempotencyKeys.Answer(session, key, CommandResult.Ok(plan.Report(applied: true, importId)), scope.Now);
    }

    /// <summary>What the checks need from the records: the chart, earlier imports, the NIKs already registered, today and the closed months (also used by the benchmark).</summary>
    public static async Task<ImportContext> Context(CommandScope scope, OpeningBalancesImportRequest request)
    {
        var session = scope.Session;
        var chart = await session.LoadAsync<Chart>(Chart.StreamId(scope.Tenant)) ?? throw DomainException.NotFound("The chart of accounts");
        var imports = await session.LoadAsync<OpeningImports>(OpeningImports.StreamId(scope.Tenant));
        // The members: their NIKs (a members file may not repeat one), and who a loans file may name as a borrower.
        IReadOnlyList<ImportMemberRef> registered = request.Members is null && request.Loans is null
            ? []
            : (await session.Query<Member>().Select(m => new { m.Id, m.MemberNumber, m.Nik, m.Status }).ToListAsync())
                .Select(m => new ImportMemberRef(m.Id, m.MemberNumber, m.Nik, m.Status == MemberStatus.Active)).ToList();
        var niks = registered.Select(m => m.Nik).ToHashSet();
        var skus = request.Products is null
            ? new HashSet<string>()
            : (await session.Query<ShopProduct>().Select(p => p.Sku).ToListAsync()).ToHashSet();
        return new ImportContext(chart, imports, niks, scope.Today, scope.ClosedPeriods, registered, skus);
    }

    public static async Task Record(CommandScope scope, OpeningBalancePlan plan, Guid importId)
    {
        var session = scope.Session;
        var tenant = scope.Tenant;
        // The import stream is appended to with its version checked: two applies at once cannot both record a file.
        var imports = await session.Events.FetchForWriting<OpeningImports>(OpeningImports.StreamId(tenant));
        var cutOver = plan.CutOverDate;
        var meta = scope.Meta(cutOver, Channels.Import);
        var files = new List<ImportSource>();
        var memberSavings = SavingsBalances.Zero;
        var ledgerSavings = SavingsBalances.Zero;

        // Members recorded by this apply, for the loans file that names them.
        var newMembers = new Dictionary<string, (Guid Id, string Number)>();
        if (plan.HasMembers && plan.MembersSource is { } membersSource)
        {
            files.Add(membersSource);
            var numbering = await session.LoadAsync<MemberNumbering>(MemberNumbering.DocumentId) ?? new MemberNumbering();
            foreach (var m in plan.Members)
            {
                var memberId = Guid.NewGuid();
                numbering.Last++;
                var joined = scope.Meta(m.JoinDate, Channels.Import);
                var registered = MemberDecider.Register(new RegisterMember(memberId, m.Name, m.Nik, m.Phone, m.Address), numbering.Last, joined);
                newMembers[m.Nik] = (memberId, registered.MemberNumber);
                session.Events.StartStream<Member>(memberId, registered, new MemberActivated(memberId, joined),
                    new MemberOpeningBalancesRecorded(memberId, Guid.NewGuid(), importId, membersSource.Sha256, membersSource.FileName, m.Row,
                        m.Pokok, m.Wajib, m.Sukarela, meta));
                memberSavings = new SavingsBalances(memberSavings.Pokok + m.Pokok, memberSavings.Wajib + m.Wajib, memberSavings.Sukarela + m.Sukarela);
            }
            session.Store(numbering);
        }

        var ledgerLines = 0;
        if (plan.HasLedger && plan.LedgerSource is { } ledgerSource)
        {
            files.Add(ledgerSource);
            var lines = plan.LedgerLines.Select(l => new OpeningLedgerLine(l.AccountCode, l.Debit, l.Credit, l.Row)).ToList();
            ledgerLines = lines.Count;
            var chart = (await session.LoadAsync<Chart>(Chart.StreamId(tenant)))!;
            foreach (var kind in new[] { SavingsKind.Pokok, SavingsKind.Wajib, SavingsKind.Sukarela })
            {
                var code = chart.CodeFor(SavingsPostings.RoleOf(kind), cutOver);
                ledgerSavings = ledgerSavings.Add(kind, lines.Where(l => l.AccountCode == code).Sum(l => l.Credit - l.Debit));
            }
            imports.AppendOne(new LedgerOpeningBalancesRecorded(importId, ledgerSource.Sha256, ledgerSource.FileName, lines, meta));
        }

        // Loans running at the cut-over, each on a new loan stream (docs/adr/0035).
        if (plan.HasLoans && plan.LoansSource is { } loansSource)
        {
            files.Add(loansSource);
            foreach (var l in plan.Loans)
            {
                var (memberId, number) = l.Borrower is { } b ? (b.Id, b.Number) : newMembers[l.Loan.Nik];
                var loanId = Guid.NewGuid();
                session.Events.StartStream<Loan>(loanId, LoanOpenings.Open(l.Loan, loanId, memberId, number, loansSource, importId, cutOver, meta));
            }
        }

        // Products with their stock on hand at the old average cost, in the koperasi's main shop unit.
        if (plan.HasProducts && plan.ProductsSource is { } productsSource)
        {
            files.Add(productsSource);
            var unit = await ShopAccess.MainUnit(scope);
            foreach (var p in plan.Products)
            {
                var productId = Guid.NewGuid();
                var created = ShopProductDecider.Create(new CreateProduct(productId, p.Sku, p.Name, p.Uom, p.MemberPrice, p.PublicPrice), unit, meta);
                session.Events.StartStream<ShopProduct>(productId, created,
                    new ProductOpeningStockRecorded(productId, unit.Id, created.Sku, Guid.NewGuid(), importId, productsSource.Sha256, productsSource.FileName, p.Row,
                        p.Quantity, p.AverageCost, p.Value, meta));
            }
        }

        var chartNow = (await session.LoadAsync<Chart>(Chart.StreamId(tenant)))!;
        var loanOpening = plan.HasLoans || plan.HasLedger
            ? new SubLedgerOpening(plan.HasLoans ? plan.Loans.Count : 0, plan.HasLoans ? plan.Loans.Sum(l => l.Loan.Principal) : 0m,
                plan.LedgerBalanceOf(chartNow, AccountRoles.LoanReceivable))
            : null;
        var stockOpening = plan.HasProducts || plan.HasLedger
            ? new SubLedgerOpening(plan.HasProducts ? plan.Products.Count : 0, plan.HasProducts ? plan.Products.Sum(p => p.Value) : 0m,
                plan.LedgerBalanceOf(chartNow, AccountRoles.ShopInventory))
            : null;
        imports.AppendOne(new OpeningImportApplied(importId, cutOver, files, plan.HasMembers ? plan.Members.Count : 0, memberSavings, ledgerLines,
            ledgerSavings, meta, loanOpening, stockOpening));
    }

    /// <summary>
    /// The code "saldo awal pindahan" gets: 3-9900, or the next free one. In a session and transaction of its own, committed before
    /// the import's (the ledger reads one chart per unit of work). The chart's stream is row-locked, so two applies at once add it
    /// once: the second waits and finds the role assigned.     /// </summary>
    private static async Task EnsureClearingAccount(IDocumentStore store, IClock clock, KoperasiContextCache contexts, HttpContext http, string kop)
    {
        var ct = http.RequestAborted;
        await using var session = store.LightweightSession(kop);
        var caller = Caller.From(http.User);
        var correlation = Correlation.Of(http);
        session.CorrelationId = correlation;
        session.LastModifiedBy = caller.Username;
        var stream = await session.Events.FetchForExclusiveWriting<Chart>(Chart.StreamId(kop), ct);
        var chart = stream.Aggregate ?? throw DomainException.NotFound("The chart of accounts");
        if (chart.Roles.Any(r => r.Role == AccountRoles.OpeningClearing)) return;
        var context = await contexts.Get(session, kop, ct);
        var scope = new CommandScope(session, caller, context.Settings, clock.GetCurrentInstant(), correlation, context.ClosedPeriods);
        var code = Enumerable.Range(9900, 100).Select(n => $"3-{n}").First(c => chart.Find(c) is null);
        var meta = scope.Meta(scope.Today, Channels.Import);
        // From the beginning of time like the template's own accounts: an empty account changes no earlier figure.
        stream.AppendMany(
            new AccountAdded(new AccountDefinition(code, "Saldo awal pindahan", AccountClass.Equity), LocalDate.MinIsoValue, meta),
            new AccountRoleAssigned(AccountRoles.OpeningClearing, code, LocalDate.MinIsoValue, meta));
        await session.SaveChangesAsync(ct);
    }
}
