using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Members;
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
    public static Task<IResult> Post(string kop, CreateUserRequest request, HttpContext http, CommandRunner runner) =>
        // The password never enters the idempotency fingerprint in clear: hash it first.
        runner.Run(http, kop, request with { Password = request.Password is null ? null : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(request.Password))) },
            scope => Handle(scope, kop, request));

    public static async Task<CommandResult> Handle(CommandScope scope, string kop, CreateUserRequest request)
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

        if (request.MemberId is { } memberId && await scope.Session.LoadAsync<Member>(memberId) is null)
            throw DomainException.Validation("memberId", "No such member in this koperasi.");

        // Usernames are one namespace for the whole platform (the token request names no koperasi), so a name another
        // koperasi uses must be refused; the answer is the same whoever holds it (this koperasi, another, the operator)
        // and says nothing about that login (docs/adr/0018).
        var global = scope.Session.ForTenant(JasperFx.StorageConstants.DefaultTenantId);
        if (await global.LoadAsync<UserAccount>(username) is not null)
            throw Unavailable();

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
        global.Insert(user);
        return CommandResult.Created(new CreateUserResponse(user.UserId, user.Id, kop, roles, user.MemberId));
    }

    private static DomainException Unavailable() => new(ErrorCodes.Conflict, "This username is not available; choose another.",
        new Dictionary<string, string[]> { ["username"] = ["This username is not available."] });
}
