using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Ekopz.Api.Members.Registering;

/// <param name="BusinessDate">The day the person applied; defaults to today. Earlier dates let a koperasi
/// move its paper books in with their real history.</param>
public sealed record RegisterMemberRequest(string? Name, string? Nik, string? Phone, string? Address, NodaTime.LocalDate? BusinessDate = null);

public sealed record RegisterMemberResponse(Guid MemberId, string MemberNumber, string Status);

/// <summary>
/// Registers an applicant. The NIK is unique per koperasi (a unique index makes it race-proof). On Wolverine's write
/// path (docs/adr/0037, 0043): there is no stream to lock before the member exists, so registrations of one koperasi queue on
/// an advisory lock named after its member-number counter (<see cref="LockNumbering"/>), taken before the Idempotency-Key is
/// looked up and the counter read. Each one then sees every earlier commit: numbers are gap-free with no retry, a taken NIK
/// is the clean 409, and a double submit waits for its twin and replays its answer.
/// </summary>
public static class RegisterMemberEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Register a new member</summary>
    /// <remarks>
    /// Kasir or pengurus. Records the applicant with name, NIK (16 digits, unique in the koperasi: a second registration of a NIK
    /// is 409 <c>conflict</c>, also when two race) and contact details, and gives the next member number. The member becomes
    /// <c>active</c> when simpanan pokok is paid in full (depositSavings). Send an <c>Idempotency-Key</c> header to retry safely:
    /// a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/members", OperationId = "registerMember")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Members")]
    [ProducesResponseType<RegisterMemberResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(RegisterMemberRequest request, HttpContext http, CommandScope scope)
    {
        await LockNumbering(scope, http.RequestAborted);
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        return IdempotencyKeys.Answer(scope.Session, key, await Register(scope, request), scope.Now);
    }

    /// <summary>
    /// Registrations of one koperasi take turns on its member-number counter (an advisory transaction lock, docs/adr/0039 and
    /// 0043), held until the commit. Taking it again in the same transaction (a verification that registers) is harmless.
    /// </summary>
    public static Task LockNumbering(CommandScope scope, CancellationToken ct) =>
        WritePath.Serialize(scope.Session, $"member-number:{scope.Tenant}", ct);

    /// <summary>Takes the member-number lock, then registers (<see cref="Register"/>) in the scope's session.</summary>
    /// <remarks>The registration inside an application's verification and the demo seeder's (docs/adr/0042).</remarks>
    public static async Task<CommandResult> Handle(CommandScope scope, RegisterMemberRequest request)
    {
        await LockNumbering(scope, CancellationToken.None);
        return await Register(scope, request);
    }

    /// <summary>Under the member-number lock: reads the last number, decides, checks the NIK and starts the member's stream.</summary>
    private static async Task<CommandResult> Register(CommandScope scope, RegisterMemberRequest request)
    {
        var numbering = await scope.Session.LoadAsync<MemberNumbering>(MemberNumbering.DocumentId) ?? new MemberNumbering();
        var (registered, response) = Decide(scope, request, numbering.Last);

        // Under the lock every earlier registration has committed: a taken NIK is found here (the unique index stays the
        // backstop for a member written some other way).
        if (await scope.Session.Query<Member>().AnyAsync(m => m.Nik == registered.Nik))
            throw new DomainException(ErrorCodes.Conflict, "A member with this NIK is already registered in this koperasi.",
                new Dictionary<string, string[]> { ["nik"] = ["This NIK is already registered."] });

        numbering.Last++;
        scope.Session.Store(numbering);
        scope.Session.Events.StartStream<Member>(registered.MemberId, registered);
        return CommandResult.Created(response);
    }

    /// <summary>
    /// The decision, pure: the request and the last member number given out in, the event that starts the member's stream and
    /// the answer out. The rules are <see cref="MemberDecider.Register"/>; registered at the counter, dated today by default.
    /// </summary>
    public static (MemberRegistered Event, RegisterMemberResponse Response) Decide(CommandScope scope, RegisterMemberRequest request,
        long lastNumber)
    {
        var registered = MemberDecider.Register(
            new RegisterMember(Guid.NewGuid(), request.Name, request.Nik, request.Phone, request.Address),
            lastNumber + 1, scope.Meta(scope.BusinessDate(request.BusinessDate), Channels.Counter));
        return (registered, new RegisterMemberResponse(registered.MemberId, registered.MemberNumber, MemberStatus.Applicant.Name()));
    }
}
