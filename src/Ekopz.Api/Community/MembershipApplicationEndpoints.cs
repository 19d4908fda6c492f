using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Members.Registering;
using Ekopz.Api.Platform;
using Ekopz.Domain.Common;
using Ekopz.Domain.Community;
using Ekopz.Domain.Members;
using Ekopz.Web.Hosting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Community;

public sealed record MembershipApplicationRequest(string? Name, string? Nik, string? Phone, string? Address);

/// <summary>
/// The applicant's receipt: the application number and the secret <paramref name="Token"/> that opens the status page.
/// The token is shown once and never stored (only its hash).
/// </summary>
public sealed record MembershipApplicationReceipt(Guid ApplicationId, string Number, string Token, string Status);

/// <summary>What the applicant sees with the token: their own name and the state of the application, nothing else.</summary>
public sealed record ApplicationStatusView(string Number, string Name, string Status, Instant AppliedAt, Instant? DecidedAt, string? Reason,
    string? MemberNumber, string KoperasiName);

/// <summary>An application as the counter sees it (the kasir sees the NIK masked, docs/adr/0017).</summary>
public sealed record MembershipApplicationView(Guid ApplicationId, string Number, string Name, string? Nik, string? Phone, string? Address,
    string Status, Instant AppliedAt, string? DecidedBy, Instant? DecidedAt, string? Reason, Guid? MemberId, string? MemberNumber);

public sealed record RejectApplicationRequest(string? Reason);

public sealed record ApplicationVerifiedView(Guid ApplicationId, Guid MemberId, string MemberNumber, string Status);

/// <summary>
/// Online membership applications (docs/adr/0022). A person applies on the koperasi's public page; staff check the
/// KTP at the counter and verify (which registers the member as the counter would) or reject with a reason: those two are in
/// <see cref="MembershipApplicationDecisionEndpoints"/>. Applying is on Wolverine's write path too (docs/adr/0042): its route names
/// the koperasi <c>{slug}</c>, which Wolverine's tenant detection also reads (Program.cs), so the session it opens is the koperasi's.
/// The GETs here take no session, so this class has no <c>LoadAsync</c>: <see cref="Apply"/> builds its scope itself.
/// </summary>
public static class MembershipApplicationEndpoints
{
    /// <summary>Apply online to become a member</summary>
    /// <remarks>
    /// Anyone, no token. Records the application for staff to check against the KTP at the counter, and answers its number and a
    /// secret <c>token</c> to follow it with getApplicationStatus (status <c>pending</c>). A NIK that is already a member's, or
    /// has an application waiting, is 409 <c>conflict</c>. Limited per client address (429).
    /// </remarks>
    [WolverinePost("/api/v1/public/{slug}/membership-applications", OperationId = "applyForMembership")]
    [AllowAnonymous]
    [Tags("Public")]
    [ProducesResponseType<MembershipApplicationReceipt>(201)]
    [ProducesResponseType<ProblemDetails>(429)]
    [HonoursIdempotencyKey]
    public static async Task<IResult> Apply(string slug, MembershipApplicationRequest request, HttpContext http, IDocumentSession session,
        IDocumentStore store, KoperasiDirectory directory, ApplicationLimits limits, ClientAddress addresses, KoperasiContextCache contexts,
        IClock clock)
    {
        var ct = http.RequestAborted;
        // The koperasi must exist (and be public) before its session is touched: the slug is anyone's input.
        await PublicKoperasi.Require(store, directory, slug, ct);
        if (session.TenantId != slug) throw new InvalidOperationException("Wolverine opened the session for another koperasi than {slug}.");
        if (limits.Take(slug, addresses.Of(http)) is { } wait) return ApplicationLimits.TooMany(http, wait);
        var scope = await WritePath.Scope(slug, http, session, contexts, clock);
        // One application at a time per koperasi (a counter, no stream to lock; docs/adr/0039): the number, the NIK check and the
        // Idempotency-Key lookup see every earlier commit, so a double submit waits for the first and replays its answer.
        await WritePath.Serialize(session, $"application:{slug}", ct);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(session, http, key) is { } replay) return replay;

        var (token, tokenHash) = SecretToken.New();
        var numbering = await session.LoadAsync<ApplicationNumbering>(ApplicationNumbering.DocumentId, ct) ?? new ApplicationNumbering();
        var applied = Decide(scope, request, numbering.Last, tokenHash);
        await EnsureNewNik(session, applied.Nik);
        numbering.Last++;
        session.Store(numbering);
        session.Events.StartStream<MembershipApplication>(applied.ApplicationId, applied);
        return IdempotencyKeys.Answer(session, key,
            CommandResult.Created(new MembershipApplicationReceipt(applied.ApplicationId, applied.Number, token, ApplicationStatus.Pending)), scope.Now);
    }

    /// <summary>The application, pure: the next number, the applicant's fields checked by <see cref="ApplicationDecider.Apply"/>, "online" as who.</summary>
    public static MembershipApplied Decide(CommandScope scope, MembershipApplicationRequest request, long lastNumber, string tokenHash) =>
        ApplicationDecider.Apply(Guid.NewGuid(), lastNumber + 1, request.Name, request.Nik, request.Phone, request.Address,
            tokenHash, scope.Meta(scope.Today, Channels.Web) with { Actor = "online" });

    /// <summary>Follow one's membership application</summary>
    /// <remarks>
    /// Anyone holding the token handed out with the application: its status (<c>pending</c>, <c>verified</c>, <c>rejected</c>),
    /// when it was decided, the reason of a rejection and the member number once verified. An unknown token is 404.
    /// </remarks>
    [WolverineGet("/api/v1/public/{slug}/membership-applications/status/{token}", OperationId = "getApplicationStatus")]
    [AllowAnonymous]
    [Tags("Public")]
    [ProducesResponseType<ApplicationStatusView>(200)]
    public static async Task<IResult> Status(string slug, string token, HttpContext http, IDocumentStore store, KoperasiDirectory directory)
    {
        var record = await PublicKoperasi.Require(store, directory, slug, http.RequestAborted);
        await using var session = store.QuerySession(slug);
        var hash = SecretToken.HashOf(token);
        var a = await session.Query<MembershipApplication>().FirstOrDefaultAsync(x => x.TokenHash == hash, http.RequestAborted);
        if (a is null) throw DomainException.NotFound("The application");
        return Results.Json(new ApplicationStatusView(a.Number, a.Name, a.Status, a.AppliedAt, a.DecidedAt, a.Reason, a.MemberNumber, record.Name),
            ApiJson.Options);
    }

    /// <summary>List online membership applications</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. The applications, optionally of one <c>status</c> (<c>pending</c> is the counter's queue,
    /// <c>verified</c>, <c>rejected</c>). Personal fields are shown as the caller's role may see them.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/membership-applications", OperationId = "listMembershipApplications")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Members")]
    [ProducesResponseType<IReadOnlyList<MembershipApplicationView>>(200)]
    public static async Task<IResult> List(string kop, string? status, HttpContext http, IDocumentStore store)
    {
        if (status is not null && status is not (ApplicationStatus.Pending or ApplicationStatus.Verified or ApplicationStatus.Rejected))
            throw DomainException.Validation("status", "pending, verified or rejected.");
        await using var session = store.QuerySession(kop);
        var query = session.Query<MembershipApplication>().AsQueryable();
        if (status is not null) query = query.Where(a => a.Status == status);
        var list = await query.OrderByDescending(a => a.AppliedAt).Take(200).ToListAsync(http.RequestAborted);
        var sees = PersonalData.For(Caller.From(http.User));
        return Results.Json(list.Select(a => View(a, sees)).ToList(), ApiJson.Options);
    }

    /// <summary>Read one membership application</summary>
    /// <remarks>
    /// Kasir, pengurus or pengawas. The application with its status, who decided it and, once verified, the member it became.
    /// Personal fields are shown as the caller's role may see them.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/membership-applications/{applicationId}", OperationId = "getMembershipApplication")]
    [Authorize(Policy = Policies.CounterRead)]
    [Tags("Members")]
    [ProducesResponseType<MembershipApplicationView>(200)]
    public static async Task<IResult> Get(string kop, Guid applicationId, HttpContext http, IDocumentStore store)
    {
        await using var session = store.QuerySession(kop);
        var a = await session.LoadAsync<MembershipApplication>(applicationId, http.RequestAborted) ?? throw DomainException.NotFound("The application");
        return Results.Json(View(a, PersonalData.For(Caller.From(http.User))), ApiJson.Options);
    }

    /// <summary>A NIK that is a member's, or has an application waiting, is refused with a message the applicant understands.</summary>
    private static async Task EnsureNewNik(IDocumentSession session, string nik)
    {
        var message = (string?)null;
        if (await session.Query<Member>().AnyAsync(m => m.Nik == nik))
            message = "This NIK is already registered as a member of this koperasi.";
        else if (await session.Query<MembershipApplication>().AnyAsync(x => x.Nik == nik && x.Status == ApplicationStatus.Pending))
            message = "An application with this NIK is already waiting to be verified.";
        if (message is not null)
            throw new DomainException(ErrorCodes.Conflict, message, new Dictionary<string, string[]> { ["nik"] = [message] });
    }

    internal static MembershipApplicationView View(MembershipApplication a, PersonalData sees) =>
        new(a.Id, a.Number, a.Name, PersonalData.Show(sees.Nik, a.Nik), PersonalData.Show(sees.Phone, a.Phone), PersonalData.Show(sees.Address, a.Address),
            a.Status, a.AppliedAt, a.DecidedBy, a.DecidedAt, a.Reason, a.MemberId, a.MemberNumber);
}
