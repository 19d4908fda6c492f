using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Ekopz.Domain.Koperasi;
using Ekopz.Projections.Savings;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Statements;

public sealed record StatementBalances(decimal Pokok, decimal Wajib, decimal Sukarela);

public sealed record StatementLine(
    Guid TransactionId,
    Guid EventId,
    long Sequence,
    string Kind,
    string Type,
    decimal Amount,
    decimal BalanceAfter,
    LocalDate BusinessDate,
    Instant RecordedAt,
    string Actor,
    string Channel,
    string CorrelationId,
    string? Note,
    Guid? Reverses);

public sealed record Statement(
    Guid MemberId,
    string MemberNumber,
    string Name,
    LocalDate AsOf,
    Instant? KnownAt,
    StatementBalances Balances,
    int Page,
    int PageSize,
    int TotalLines,
    IReadOnlyList<StatementLine> Lines);

/// <summary>
/// A member's savings statement for any date (<c>asOf</c>) as the books stood at any moment
/// (<c>knownAt</c>): lines in business-date order with the running balance of their kind, and every
/// trace field back to the event. Paged in the database: the running balances are a window sum over
/// the whole filtered history, so a page deep into a long history carries the right balances without
/// the server loading every line; the balances are always those of the whole statement.
/// </summary>
public static class GetStatementEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/members/{memberId}/statement", OperationId = "getStatement")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Savings")]
    [ProducesResponseType<Statement>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid memberId, string? asOf, string? knownAt, int? page, int? pageSize,
        HttpContext http, IDocumentStore store, ReadDb db, IClock clock)
    {
        var (p, size) = QueryParams.Paging(page, pageSize, defaultSize: 200);
        var known = QueryParams.Instant(knownAt, "knownAt");
        await using var session = store.QuerySession(kop);
        var member = await session.LoadAsync<Member>(memberId, http.RequestAborted);
        if (member is null) return Problems.Result(http, ErrorCodes.NotFound, "No such member.");
        var settings = await session.LoadAsync<KoperasiSettings>(KoperasiSettings.StreamId(kop), http.RequestAborted);
        var date = QueryParams.Date(asOf, "asOf") ?? settings!.Today(clock);

        var page_ = await StatementQueries.Page(db, kop, memberId, date, known, p, size, http.RequestAborted);
        return Results.Json(new Statement(member.Id, member.MemberNumber, member.Name, date, known,
            page_.Balances, p, size, page_.TotalLines, page_.Lines), ApiJson.Options);
    }
}
