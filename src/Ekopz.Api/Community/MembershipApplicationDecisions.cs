using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Api.Members.Registering;
using Ekopz.Domain.Common;
using Ekopz.Domain.Community;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;
using ConcurrencyStyle = Wolverine.Marten.ConcurrencyStyle;

namespace Ekopz.Api.Community;

/// <summary>
/// Staff decide an online membership application on Wolverine's write path (docs/adr/0037): the application's stream is
/// locked, then verified (registering the member as the counter would, in the same transaction) or rejected with a reason.
/// </summary>
public static class MembershipApplicationDecisionEndpoints
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Verify an application and register the member</summary>
    /// <remarks>
    /// The KTP was checked: the applicant is registered as a member (an applicant until pokok is paid, as at the counter) in the
    /// same transaction as the application is marked verified.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/membership-applications/{applicationId}/verify", OperationId = "verifyMembershipApplication")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Members")]
    [ProducesResponseType<ApplicationVerifiedView>(200)]
    public static async Task<IResult> Verify(Guid applicationId, HttpContext http, [NotBody] CommandScope scope,
        [WriteAggregate("applicationId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<MembershipApplication> application)
    {
        // Under the application's row lock: two verifications take turns and the second finds it verified (422).
        var key = IdempotencyKeys.Of(http, scope.Caller, new { applicationId });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var a = application.Aggregate;
        ApplicationDecider.EnsurePending(a);
        // Registered as at the counter: the next member number, a racing registration answered by ConflictRetry.
        var registered = await RegisterMemberEndpoint.Handle(scope, new RegisterMemberRequest(a!.Name, a.Nik, a.Phone, a.Address));
        var (verified, view) = DecideVerification(scope, a, (RegisterMemberResponse)registered.Body);
        application.AppendOne(verified);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The verification, pure: a pending application becomes the member just registered.</summary>
    public static (MembershipApplicationVerified Event, ApplicationVerifiedView Response) DecideVerification(CommandScope scope,
        MembershipApplication? application, RegisterMemberResponse member)
    {
        ApplicationDecider.EnsurePending(application);
        var verified = new MembershipApplicationVerified(application!.Id, member.MemberId, member.MemberNumber, scope.Meta(scope.Today, Channels.Counter));
        return (verified, new ApplicationVerifiedView(application.Id, member.MemberId, member.MemberNumber, ApplicationStatus.Verified));
    }

    /// <summary>Reject a membership application</summary>
    /// <remarks>
    /// Kasir or pengurus, with a reason the applicant reads through the status token. An application already decided is 422
    /// <c>invalid_state</c>. Recorded on the application's stream with who and when.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/membership-applications/{applicationId}/reject", OperationId = "rejectMembershipApplication")]
    [Authorize(Policy = Policies.Teller)]
    [Tags("Members")]
    [ProducesResponseType<MembershipApplicationView>(200)]
    public static async Task<IResult> Reject(RejectApplicationRequest request, HttpContext http, CommandScope scope,
        [WriteAggregate("applicationId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] IEventStream<MembershipApplication> application)
    {
        var key = IdempotencyKeys.Of(http, scope.Caller, request);
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;
        var (rejected, view) = DecideRejection(scope, request, application.Aggregate);
        application.AppendOne(rejected);
        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Ok(view), scope.Now);
    }

    /// <summary>The rejection, pure: the rules are <see cref="ApplicationDecider.Reject"/>; the answer shows what the caller may see.</summary>
    public static (MembershipApplicationRejected Event, MembershipApplicationView Response) DecideRejection(CommandScope scope,
        RejectApplicationRequest request, MembershipApplication? application)
    {
        var rejected = ApplicationDecider.Reject(application, request.Reason, scope.Meta(scope.Today, Channels.Counter));
        return (rejected, MembershipApplicationEndpoints.View(MembershipApplication.Evolve(application, rejected)!, PersonalData.For(scope.Caller)));
    }
}
