using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Collections;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Projections;
using Ekopz.Projections.Collections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Npgsql;
using Wolverine.Http;

namespace Ekopz.Api.Collections;

/// <summary>
/// Collecting in bulk (docs/adr/0036): a month's payroll deduction list (<i>potong gaji</i>) of wajib, sukarela and loan
/// installments in one request or file. Each line is applied or refused with its reason; the batch is idempotent by its key and
/// each line by its line key; the books post one cash or bank entry for the whole batch.
/// </summary>
public static class CollectBatchEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Check a collection batch without recording anything (dry run)</summary>
    /// <remarks>
    /// Kasir or pengurus. The same body as the apply. Answers the batch report as it would be now: each line applied or refused with
    /// a stable code and an Indonesian message (member not found, not active or left; no active loan, more than one, or more than the
    /// payoff; a line key applied before or twice in the batch; a cell that cannot be read, e.g. a NIK in scientific notation), and the
    /// totals. A batch key applied before answers that batch's report with <c>replayed</c>. Nothing is written.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/collections/batches/dry-run", OperationId = "dryRunCollectionBatch")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Collections")]
    [ProducesResponseType<CollectionBatchReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> DryRun(CollectionBatchRequest request, HttpContext http, CommandScope scope)
    {
        var (input, date) = Read(scope, request);
        var batchId = CollectionBatchApplied.StreamId(scope.Tenant, input.BatchKey);
        if (await Earlier(scope.Session, batchId, http.RequestAborted) is { } earlier)
            return Results.Json(CollectionBatchReport.From(earlier, applied: true, replayed: true), ApiJson.Options);
        var (members, loans) = await Named(scope.Session, input, http.RequestAborted);
        var decision = await Decide(scope, input, date, batchId, members, loans, http.RequestAborted);
        return Results.Json(CollectionBatchReport.From(decision.Batch, applied: false, replayed: false), ApiJson.Options);
    }

    /// <summary>Apply a collection batch (potong gaji)</summary>
    /// <remarks>
    /// Kasir or pengurus. <c>batchKey</c>, <c>businessDate</c> (default today), <c>receivedInto</c> (<c>bank</c>, the default, or
    /// <c>kas</c>), and the lines as JSON (<c>lines</c>: <c>member</c> NIK or member number, <c>wajib</c>, <c>sukarela</c>,
    /// <c>installment</c>, <c>loanId</c>, <c>lineKey</c>) or the template filled in (<c>file</c>, xlsx or CSV, base64). Each line is
    /// applied or refused on its own, with the rules of a counter deposit and a loan payment; the applied lines are recorded as
    /// <c>SavingsDeposited</c> and <c>LoanPaymentReceived</c> on the members' and loans' streams (channel <c>payroll</c>) and the
    /// batch as <c>CollectionBatchApplied</c>, which the books post as <b>one</b> entry: the bank (or kas) debited with the batch's
    /// total. 201 with the batch report. The same batch key again records nothing and answers the first batch's report (200,
    /// <c>replayed</c>); a line key applied before is refused (<c>line_already_applied</c>). Batches of one koperasi take turns;
    /// counter deposits and payments of the same members wait for the batch (row locks, taken in id order). A date in a closed
    /// month is 422 <c>period_closed</c>; a file that cannot be read is 400 <c>file_refused</c>.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/collections/batches", OperationId = "applyCollectionBatch")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Collections")]
    [ProducesResponseType<CollectionBatchReport>(201)]
    [ProducesResponseType<CollectionBatchReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(413)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Apply(CollectionBatchRequest request, HttpContext http, CommandScope scope)
    {
        var (report, replayed) = await Record(scope, request, http.RequestAborted);
        return Results.Json(report, ApiJson.Options, null, replayed ? 200 : 201);
    }

    /// <summary>
    /// The apply in the caller's session (the endpoint's, or the benchmark's): locks, decides and appends; the caller saves.
    /// Answers the report, and whether it is an earlier batch's (nothing appended).
    /// </summary>
    public static async Task<(CollectionBatchReport Report, bool Replayed)> Record(CommandScope scope, CollectionBatchRequest request,
        CancellationToken ct)
    {
        var (input, date) = Read(scope, request);
        var session = scope.Session;
        var batchId = CollectionBatchApplied.StreamId(scope.Tenant, input.BatchKey);

        // Batches of one koperasi take turns: the second of two with the same key waits here, then finds the first and replays it.
        await session.BeginTransactionAsync(ct);
        await Sql(session, "select pg_advisory_xact_lock(hashtextextended(@k, 0))", ct, ("k", $"ekopz/collect/{scope.Tenant}"));
        if (await Earlier(session, batchId, ct) is { } earlier)
            return (CollectionBatchReport.From(earlier, applied: true, replayed: true), true);

        // The members and loans the lines name, then their streams' rows locked in one statement, in id order (counter writes take
        // one of these rows each, so they never wait crosswise with a batch), then read again: the state every line is decided on.
        var (named, namedLoans) = await Named(session, input, ct);
        var ids = named.Select(m => m.Id).Concat(namedLoans.Select(l => l.Id)).Distinct().ToArray();
        var versions = await LockStreams(session, scope.Tenant, ids, ct);
        var members = (await session.LoadManyAsync<Member>(ct, named.Select(m => m.Id))).ToList();
        var loans = namedLoans.Count == 0 ? [] : (await session.LoadManyAsync<Loan>(ct, namedLoans.Select(l => l.Id))).ToList();

        var decision = await Decide(scope, input, date, batchId, members, loans, ct);
        foreach (var stream in decision.Appends.GroupBy(a => a.StreamId))
            // With the version each stream had under its lock, the events carry their final versions into the inline projections
            // (a Quick append without one would number them from 1 in memory; docs/adr/0050), and the append checks it.
            session.Events.Append(stream.Key, versions[stream.Key] + stream.Count(), stream.Select(a => (object)a.Event).ToArray());
        session.Events.StartStream(batchId, decision.Batch);
        return (CollectionBatchReport.From(decision.Batch, applied: true, replayed: false), false);
    }

    private static (CollectionInput Input, LocalDate Date) Read(CommandScope scope, CollectionBatchRequest request)
    {
        var input = CollectionLines.Read(request);
        return (input, scope.BusinessDate(request.BusinessDate));
    }

    private static async Task<CollectionBatchApplied?> Earlier(IDocumentSession session, Guid batchId, CancellationToken ct)
    {
        if (await session.Events.FetchStreamStateAsync(batchId, ct) is null) return null;
        var events = await session.Events.FetchStreamAsync(batchId, token: ct);
        return events.Select(e => e.Data).OfType<CollectionBatchApplied>().FirstOrDefault();
    }

    /// <summary>The members the lines name (by NIK or member number) and the loans they may pay.</summary>
    private static async Task<(List<Member> Members, List<Loan> Loans)> Named(IDocumentSession session, CollectionInput input,
        CancellationToken ct)
    {
        var refs = input.Lines.Where(l => l.Problem is null && l.Member is not null).Select(l => l.Member!).Distinct().ToArray();
        if (refs.Length == 0) return ([], []);
        var members = (await session.Query<Member>().Where(m => m.Nik.IsOneOf(refs) || m.MemberNumber.IsOneOf(refs)).ToListAsync(ct)).ToList();
        var byRef = ByRef(members);
        var payers = input.Lines.Where(l => l.Installment > 0 && l.Member is not null && byRef.ContainsKey(l.Member))
            .Select(l => byRef[l.Member!].Id).Distinct().ToArray();
        var loans = payers.Length == 0
            ? new List<Loan>()
            : (await session.Query<Loan>().Where(l => l.MemberId.IsOneOf(payers)).ToListAsync(ct)).ToList();
        return (members, loans);
    }

    private static Dictionary<string, Member> ByRef(IEnumerable<Member> members)
    {
        var byRef = new Dictionary<string, Member>();
        foreach (var m in members)
        {
            byRef[m.MemberNumber] = m;
            byRef[m.Nik] = m;
        }
        return byRef;
    }

    private static async Task<CollectionDecision> Decide(CommandScope scope, CollectionInput input, LocalDate date, Guid batchId,
        IReadOnlyList<Member> members, IReadOnlyList<Loan> loans, CancellationToken ct)
    {
        var keys = input.Lines.Select(l => CollectedLineKey.IdOf(scope.Tenant, l.LineKey)).Distinct().ToArray();
        var collected = (await scope.Session.LoadManyAsync<CollectedLineKey>(ct, keys)).Select(k => k.LineKey).ToHashSet();
        var context = new CollectionContext(ByRef(members), loans.ToDictionary(l => l.Id), collected, scope.Settings.At(date));
        return CollectionBatchDecider.Decide(batchId, input.BatchKey, input.CashPoint, input.FileName, input.FileSha256, input.Lines, context,
            scope.Meta(date, Channels.Payroll));
    }

    /// <summary>Locks the streams' rows in one statement, in id order, and answers each stream's version.</summary>
    private static async Task<Dictionary<Guid, long>> LockStreams(IDocumentSession session, string tenant, Guid[] ids, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select id, version from {EkopzMarten.Schema}.mt_streams where tenant_id = @t and id = any(@ids) order by id for update",
            (NpgsqlConnection)session.Connection!);
        command.Parameters.AddWithValue("t", tenant);
        command.Parameters.AddWithValue("ids", ids);
        var versions = new Dictionary<Guid, long>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        return versions;
    }

    private static async Task Sql(IDocumentSession session, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)session.Connection!);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The payroll deduction template (a separate class: Wolverine runs a class's LoadAsync before each of its endpoints).</summary>
public static class CollectionTemplateEndpoint
{
    /// <summary>The payroll deduction (potong gaji) template (xlsx)</summary>
    /// <remarks>
    /// Kasir or pengurus. An Excel workbook whose first sheet has the Indonesian header row (Kunci Baris, NIK / No. Anggota, Nama,
    /// Simpanan Wajib, Simpanan Sukarela, Angsuran Pinjaman, ID Pinjaman) and one example row marked CONTOH; the second sheet says how
    /// to fill it in. Filled in, it is the <c>file</c> of a collection batch.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/collections/template.xlsx", OperationId = "getCollectionTemplate")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Collections")]
    [ProducesResponseType<Stream>(200, Imports.ImportTemplates.XlsxContentType)]
    public static IResult Template(string kop) =>
        Results.File(CollectionLines.Template(), Imports.ImportTemplates.XlsxContentType, "templat-potong-gaji.xlsx");
}
