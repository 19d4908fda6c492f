using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Members.Registering;

/// <param name="BusinessDate">The day the person applied; defaults to today. Earlier dates let a koperasi
/// move its paper books in with their real history.</param>
public sealed record RegisterMemberRequest(string? Name, string? Nik, string? Phone, string? Address, NodaTime.LocalDate? BusinessDate = null);

public sealed record RegisterMemberResponse(Guid MemberId, string MemberNumber, string Status);

/// <summary>Registers an applicant. The NIK is unique per koperasi (a unique index makes it race-proof).</summary>
public static class RegisterMemberEndpoint
{
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
    public static Task<IResult> Post(string kop, RegisterMemberRequest request, HttpContext http, CommandRunner runner) =>
        runner.Run(http, kop, request, scope => Handle(scope, request));

    public static async Task<CommandResult> Handle(CommandScope scope, RegisterMemberRequest request)
    {
        var numbering = await scope.Session.LoadAsync<MemberNumbering>(MemberNumbering.DocumentId) ?? new MemberNumbering();
        var registered = MemberDecider.Register(
            new RegisterMember(Guid.NewGuid(), request.Name, request.Nik, request.Phone, request.Address),
            numbering.Last + 1, scope.Meta(scope.BusinessDate(request.BusinessDate), Channels.Counter));

        // A friendly answer for the common case; the unique index answers the racing one.
        if (await scope.Session.Query<Member>().AnyAsync(m => m.Nik == registered.Nik))
            throw new DomainException(ErrorCodes.Conflict, "A member with this NIK is already registered in this koperasi.",
                new Dictionary<string, string[]> { ["nik"] = ["This NIK is already registered."] });

        numbering.Last++;
        scope.Session.Store(numbering);
        scope.Session.Events.StartStream<Member>(registered.MemberId, registered);
        return CommandResult.Created(new RegisterMemberResponse(registered.MemberId, registered.MemberNumber, MemberStatus.Applicant.Name()));
    }
}
