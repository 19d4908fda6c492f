using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Shop;
using Ekopz.Domain.Common;
using Ekopz.Domain.Loans;
using Ekopz.Domain.Members;
using Ekopz.Domain.Receipts;
using Ekopz.Domain.Shop;
using Ekopz.Projections.Receipts;
using Ekopz.Projections.Savings;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Receipts.Issuing;

/// <param name="Source"><c>savings</c> (a deposit or a withdrawal), <c>loan_payment</c> or <c>shop_order</c>.</param>
/// <param name="TransactionId">The savings or loan payment transaction; for a shop order, the order id.</param>
/// <param name="LoanId">The loan, for <c>loan_payment</c>.</param>
public sealed record IssueReceiptRequest(string? Source, Guid? TransactionId, Guid? LoanId = null);

/// <summary>
/// The kasir hands the member a receipt (kwitansi) for a counter transaction. The first request for a
/// source issues it with the koperasi's next number (201); every later one answers the same receipt
/// (200), also when requests race. Numbers come from the koperasi's receipt book, a stream locked for
/// each issue, so they run 1, 2, 3, … without gaps (docs/adr/0014).
/// </summary>
public static class IssueReceiptEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        NodaTime.IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Issue the receipt (kwitansi) for a transaction</summary>
    /// <remarks>
    /// Kasir, pengurus or pengelola toko. The first request for a source (a savings transaction, a loan payment or disbursement,
    /// a paid order) issues it with the koperasi's next number (201); every later one answers the same receipt (200), also when
    /// requests race. Numbers run 1, 2, 3, ... without gaps per koperasi. The receipt carries the amount in words.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/receipts", OperationId = "issueReceipt")]
    [Authorize(Policy = Policies.ShopSell)]
    [Tags("Receipts")]
    [ProducesResponseType<ReceiptView>(201)]
    [ProducesResponseType<ReceiptView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(403)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static async Task<IResult> Post(string kop, IssueReceiptRequest request, HttpContext http, CommandScope scope)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        var source = Validate(request);
        // Who may, and does the money exist (403, 404), before anything else; what the receipt shows is built
        // only for a new receipt, so a repeat still answers after the order was, say, cancelled.
        var money = await Find(scope, source);
        if (await Issued(scope.Session, source) is { } existing)
            return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(ReceiptView.Of(existing)), scope.Now);

        // The book's id is the koperasi's, known only from the route's tenant, and it is locked only when a receipt is new
        // (a repeat answers without queueing behind other issues): so it is fetched here, not by [WriteAggregate].
        // Before a koperasi's first receipt the book's stream does not exist and its row lock is no lock: the advisory lock named
        // after the book stands in for it (docs/adr/0043), taken just before it, so two first receipts take turns too.
        await WritePath.Serialize(scope.Session, $"receipt-book:{kop}", http.RequestAborted);
        var bookId = ReceiptBook.StreamId(kop);
        var book = await scope.Session.Events.FetchForExclusiveWriting<ReceiptBook>(bookId, http.RequestAborted);
        // Under the book's lock: a request for the same source may have issued it while this one waited.
        if (await Issued(scope.Session, source) is { } raced)
            return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(ReceiptView.Of(raced)), scope.Now);
        var content = money();
        var member = content.MemberId is { } memberId ? await scope.Session.LoadAsync<Member>(memberId, http.RequestAborted) : null;
        var (issued, view) = Decide(scope, kop, book.Aggregate, source, content, member);
        book.AppendOne(issued);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(view), scope.Now);
    }

    /// <summary>
    /// The issue, pure: the book, the source, what the money shows and its member in, the receipt with the book's next number and
    /// the answer out. The rules are <see cref="ReceiptDecider.Issue"/>; issued at the counter, today.
    /// </summary>
    public static (ReceiptIssued Event, ReceiptView Response) Decide(CommandScope scope, string kop, ReceiptBook? book,
        ReceiptSource source, ReceiptMoney content, Member? member)
    {
        var issued = ReceiptDecider.Issue(ReceiptBook.StreamId(kop), book, source, content, scope.Settings.Name, kop, member,
            scope.Meta(scope.Today, Channels.Counter));
        return (issued, ReceiptView.Of(issued));
    }

    /// <summary>The request checked, pure: the source it names.</summary>
    public static ReceiptSource Validate(IssueReceiptRequest request)
    {
        var kind = request.Source?.Trim().ToLowerInvariant();
        if (kind is null || !ReceiptSources.All.Contains(kind))
            throw DomainException.Validation("source", "The source is savings, loan_payment or shop_order.");
        if (request.TransactionId is not { } transactionId || transactionId == Guid.Empty)
            throw DomainException.Validation("transactionId", "The transactionId is required (the order id for a shop order).");
        if (kind == ReceiptSources.LoanPayment && request.LoanId is null)
            throw DomainException.Validation("loanId", "The loanId is required for a loan payment.");
        return new ReceiptSource(kind, transactionId, kind == ReceiptSources.LoanPayment ? request.LoanId : null);
    }

    private static async Task<IssuedReceipt?> Issued(IQuerySession session, ReceiptSource source) =>
        await session.LoadAsync<IssuedReceipt>(source.ReceiptId);

    /// <summary>
    /// Finds the money event of <paramref name="source"/> and checks the caller may give its receipt:
    /// savings and loan money at the counter are the pengurus' and kasir's; a shop order's is also its unit's
    /// pengelola toko's (<see cref="ShopAccess.Sell"/>). Answers how to build what the receipt shows.
    /// </summary>
    private static async Task<Func<ReceiptMoney>> Find(CommandScope scope, ReceiptSource source)
    {
        var session = scope.Session;
        if (source.Kind == ReceiptSources.ShopOrder)
        {
            var order = await session.LoadAsync<ShopOrder>(source.TransactionId) ?? throw DomainException.NotFound("The order");
            ShopAccess.Sell(scope.Caller, await ShopAccess.Unit(session, order.UnitId));
            var paid = (await session.Events.FetchStreamAsync(order.Id)).Select(e => e.Data).OfType<OrderPaid>().LastOrDefault();
            return () => ReceiptContents.ShopOrder(order, paid);
        }

        if (!scope.Caller.Roles.Contains(Roles.Pengurus) && !scope.Caller.Roles.Contains(Roles.Kasir))
            throw new DomainException(ErrorCodes.Forbidden, "Only the pengurus or a kasir gives receipts for savings and loan payments.");

        if (source.Kind == ReceiptSources.Savings)
        {
            var line = await session.Query<SavingsLine>().Where(l => l.TransactionId == source.TransactionId).FirstOrDefaultAsync()
                ?? throw DomainException.NotFound("The savings transaction");
            // The member's own stream narrows the search to the index on stream ids.
            var e = await session.Events.QueryAllRawEvents().Where(x => x.StreamId == line.MemberId && x.Id == line.EventId).FirstOrDefaultAsync();
            return () => ReceiptContents.Savings(e?.Data as IDomainEvent);
        }

        if (await session.LoadAsync<Loan>(source.LoanId!.Value) is null) throw DomainException.NotFound("The loan");
        var payment = (await session.Events.FetchStreamAsync(source.LoanId.Value)).Select(e => e.Data).OfType<IDomainEvent>()
            .FirstOrDefault(e => e is LoanPaymentReceived p && p.TransactionId == source.TransactionId
                || e is LoanRecoveryReceived r && r.TransactionId == source.TransactionId)
            ?? throw DomainException.NotFound("The loan payment");
        return () => ReceiptContents.LoanPayment(payment);
    }
}
