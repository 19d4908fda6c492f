using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Users;

public sealed record CreateUserRequest(string? Username, string? Password, string[]? Roles, Guid? MemberId);

public sealed record CreateUserResponse(Guid UserId, string Username, string Koperasi, IReadOnlyList<string> Roles, Guid? MemberId);

/// <summary>
/// Creates a login for one koperasi. The operator or that koperasi's pengurus may do it; an
/// anggota login must name the member it belongs to.
/// </summary>
public static class CreateUserEndpoint
{
    /// <summary>The command's context, before the endpoint runs (docs/adr/0025, 0031).</summary>
    public static Task<CommandScope> LoadAsync(string kop, HttpContext http, IDocumentSession session, KoperasiContextCache contexts,
        NodaTime.IClock clock) => WritePath.Scope(kop, http, session, contexts, clock);

    /// <summary>Create a login for the koperasi</summary>
    /// <remarks>
    /// Pengurus of the koperasi or the platform operator. An <c>anggota</c> login must name the member it belongs to. The
    /// password must meet the password rules. Recorded on the login's own event stream. Send an <c>Idempotency-Key</c> header to
    /// retry safely: a repeat answers the first answer and records nothing twice.
    /// </remarks>
    [WolverinePost("/api/v1/koperasi/{kop}/users", OperationId = "createUser")]
    [Authorize(Policy = Policies.OperatorOrPengurus)]
    [Tags("Platform")]
    [ProducesResponseType<CreateUserResponse>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(string kop, CreateUserRequest request, HttpContext http, CommandScope scope)
    {
        var username = LoginNames.Normalize(request.Username);
        // One creation of a username at a time (usernames are one namespace for the platform): the "is it free?" check and
        // the Idempotency-Key lookup see every earlier commit, so a double submit waits and replays the first answer.
        await WritePath.Serialize(scope.Session, $"login:{username}", http.RequestAborted);
        // The password never enters the idempotency fingerprint in clear: hash it first.
        var key = IdempotencyKeys.Of(http, scope.Caller, request with { Password = request.Password is null ? null
            : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.Password))) });
        if (await IdempotencyKeys.Replay(scope.Session, http, key) is { } replay) return replay;

        return IdempotencyKeys.Answer(scope.Session, key, CommandResult.Created(await Create(scope, kop, request)), scope.Now);
    }

    /// <summary>Reads, decides and inserts the login in the platform's tenant: the endpoint's (under its lock) and the demo seeder's.</summary>
    public static async Task<CreateUserResponse> Create(CommandScope scope, string kop, CreateUserRequest request)
    {
        var (user, response) = await ReadAndDecide(scope, kop, request);
        scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId).Insert(user);
        return response;
    }

    /// <summary>Reads what the decision needs (does the member exist, is the username taken), then decides.</summary>
    private static async Task<(UserAccount User, CreateUserResponse Response)> ReadAndDecide(CommandScope scope, string kop, CreateUserRequest request)
    {
        var username = LoginNames.Normalize(request.Username);
        var memberExists = request.MemberId is not { } memberId || await scope.Session.LoadAsync<Member>(memberId) is not null;
        var global = scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId);
        var taken = LoginNames.IsValid(username) && await global.LoadAsync<UserAccount>(username) is not null;
        return Decide(scope, kop, request, memberExists, taken);
    }

    /// <summary>
    /// The decision, pure: the request, whether its member exists and whether the username is taken in, the new login and the
    /// answer out. Refusals in this order: the fields (all of them at once), the member, the username.
    /// </summary>
    public static (UserAccount User, CreateUserResponse Response) Decide(CommandScope scope, string kop, CreateUserRequest request,
        bool memberExists, bool usernameTaken)
    {
        var username = LoginNames.Normalize(request.Username);
        var roles = (request.Roles ?? []).Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (!LoginNames.IsValid(username))
            errors["username"] = ["3-64 characters: lowercase letters, digits, dot, dash, underscore."];
        if (PasswordRules.Problem(username, request.Password) is { } passwordProblem)
            errors["password"] = [passwordProblem];
        if (roles.Count == 0 || roles.Any(r => !Roles.KoperasiRoles.Contains(r)))
            errors["roles"] = ["Give one or more of: pengurus, kasir, pengelola_toko, pengawas, anggota."];
        if (roles.Contains(Roles.Anggota) && request.MemberId is null)
            errors["memberId"] = ["An anggota login must name its member."];
        if (!roles.Contains(Roles.Anggota) && request.MemberId is not null)
            errors["memberId"] = ["Only an anggota login is linked to a member."];
        if (errors.Count > 0)
            throw new DomainException(ErrorCodes.ValidationFailed, "The user could not be created.", errors);
        if (!memberExists)
            throw DomainException.Validation("memberId", "No such member in this koperasi.");

        // Usernames are one namespace for the whole platform (the token request names no koperasi), so a name another
        // koperasi uses must be refused; the answer is the same whoever holds it (this koperasi, another, the operator)
        // and says nothing about that login (docs/adr/0018).
        if (usernameTaken) throw Unavailable();

        var user = new UserAccount
        {
            Id = username,
            UserId = Guid.NewGuid(),
            PasswordHash = PasswordHasher.Hash(request.Password!),
            Koperasi = kop,
            Roles = roles,
            MemberId = request.MemberId,
            CreatedAt = scope.Now,
            CreatedBy = scope.Caller.Username,
        };
        return (user, new CreateUserResponse(user.UserId, user.Id, kop, roles, user.MemberId));
    }

    private static DomainException Unavailable() => new(ErrorCodes.Conflict, "This username is not available; choose another.",
        new Dictionary<string, string[]> { ["username"] = ["This username is not available."] });
}
