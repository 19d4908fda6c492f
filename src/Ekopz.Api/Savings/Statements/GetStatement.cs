using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Projections.Savings;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using System.Runtime.ExceptionServices;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Savings.Statements;

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
    IReadOnlyList<StatementLine> Lines,
    LocalDate? From = null,
    StatementBalances? Opening = null);

/// <summary>What one event did to a member's savings (<see cref="Lines"/>) and the corrections that undid it (<see cref="ReversedBy"/>).</summary>
public sealed record StatementEvent(Guid MemberId, Guid EventId, IReadOnlyList<StatementLine> Lines, IReadOnlyList<StatementLine> ReversedBy);

/// <summary>
/// A member's savings statement for any date (<c>asOf</c>) as the books stood at any moment
/// (<c>knownAt</c>): lines in business-date order with the running balance of their kind, and every
/// trace field back to the event. Paged in the database: the running balances are a window sum over
/// the whole filtered history, so a page deep into a long history carries the right balances without
/// the server loading every line; the balances are always those of the whole statement. With <c>from</c>, only the lines
/// from that date on, and <c>opening</c>: the balances just before it (a statement for a period: opening, lines, closing).
/// </summary>
public static class GetStatementEndpoint
{
    /// <summary>A member's savings statement</summary>
    /// <remarks>
    /// Staff, or an anggota for their own member. Lines in business-date order for any date (<c>asOf</c>) as the books stood at
    /// any moment (<c>knownAt</c>), each with the running balance of its kind and the trace fields back to its event (who, when,
    /// channel). Paged.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/members/{memberId}/statement", OperationId = "getStatement")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Savings")]
    [ProducesResponseType<Statement>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string kop, Guid memberId, string? asOf, string? knownAt, int? page, int? pageSize,
        HttpContext http, IDocumentStore store, KoperasiContextCache contexts, ReadDb db, IClock clock, string? from = null)
    {
        var ct = http.RequestAborted;
        var (p, size) = QueryParams.Paging(page, pageSize, defaultSize: 200);
        var known = QueryParams.Instant(knownAt, "knownAt");
        LocalDate date = default;
        LocalDate? start = null;
        DomainException? refused = null;
        try
        {
            // Today in the koperasi's zone from the cached settings (docs/adr/0025), not a settings read per request.
            date = QueryParams.Date(asOf, "asOf") ?? (await contexts.Get(store, kop, ct)).Settings!.Today(clock);
            start = QueryParams.Date(from, "from");
            if (start > date) throw DomainException.Validation("from", "The start of the period is after its end (asOf).");
        }
        catch (DomainException e) { refused = e; }
        if (refused is not null)
        {
            // An unknown member is 404 whatever the dates say, as when the member was read first.
            if (!await StatementReads.MemberExists(db, kop, memberId, ct)) return Problems.Result(http, ErrorCodes.NotFound, "No such member.");
            ExceptionDispatchInfo.Throw(refused);
        }

        // The member and the page in one round trip (docs/adr/0045).
        var (member, page_) = await StatementReads.Read(db, kop, memberId, date, known, p, size, ct, start);
        if (member is null) return Problems.Result(http, ErrorCodes.NotFound, "No such member.");
        return Results.Json(new Statement(memberId, member.MemberNumber, member.Name, date, known,
            page_.Balances, p, size, page_.TotalLines, page_.Lines, start, page_.Opening), ApiJson.Options);
    }

    /// <summary>Why a statement line is there</summary>
    /// <remarks>
    /// One line of the statement and why it is there: the lines an event wrote to this member's savings and the reversals that
    /// undid them, each with who recorded it, when and through which channel. 404 when the event wrote nothing to this member's
    /// savings (for an anggota, another member's event is never theirs: the gate checks the member).
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/members/{memberId}/statement/events/{eventId}", OperationId = "getStatementEvent")]
    [Authorize(Policy = Policies.MemberRead)]
    [Tags("Savings")]
    [ProducesResponseType<StatementEvent>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> GetEvent(string kop, Guid memberId, Guid eventId, HttpContext http, ReadDb db)
    {
        var (lines, reversedBy) = await StatementReads.OfEvent(db, kop, memberId, eventId, http.RequestAborted);
        if (lines.Count == 0) return Problems.Result(http, ErrorCodes.NotFound, "No such line in this member's statement.");
        return Results.Json(new StatementEvent(memberId, eventId, lines, reversedBy), ApiJson.Options);
    }
}
