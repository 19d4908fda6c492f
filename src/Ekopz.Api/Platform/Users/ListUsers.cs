using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Users;

/// <summary>The logins of a koperasi, by username, for its pengurus (or the operator): last sign-in, disabled or not, locked out or not.</summary>
public static class ListUsersEndpoint
{
    /// <summary>List the koperasi's logins</summary>
    /// <remarks>
    /// Pengurus, pengawas or the platform operator. Each login by username, with its roles, last sign-in, whether it is disabled
    /// and whether it is locked out.
    /// </remarks>
    [WolverineGet("/api/v1/koperasi/{kop}/users", OperationId = "listUsers")]
    [Authorize(Policy = Policies.UsersRead)]
    [Tags("Platform")]
    [ProducesResponseType<IReadOnlyList<UserView>>(200)]
    public static async Task<IResult> Get(string kop, HttpContext http, IDocumentStore store, NodaTime.IClock clock)
    {
        // Logins are global documents (docs/adr/0003): the koperasi is a field on each, not the session's tenant.
        await using var global = store.QuerySession();
        var users = await global.Query<UserAccount>().Where(u => u.Koperasi == kop).ToListAsync(http.RequestAborted);
        var locked = await KoperasiUsers.Lockouts(global, users.Select(u => u.Id), clock.GetCurrentInstant(), http.RequestAborted);
        // Ordered here, ordinally: the database's collation would put "kasir2" before "kasir.x" on one server and after it on another.
        return Results.Json(users.OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => UserView.Of(u, locked.TryGetValue(u.Id, out var until) ? until : null)).ToList(), ApiJson.Options);
    }
}
