using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ekopz.Api.Platform.Users;

/// <summary>The logins of a koperasi, by username, for its pengurus (or the operator).</summary>
public static class ListUsersEndpoint
{
    [WolverineGet("/api/v1/koperasi/{kop}/users", OperationId = "listUsers")]
    [Authorize(Policy = Policies.UsersRead)]
    [Tags("Platform")]
    [ProducesResponseType<IReadOnlyList<UserView>>(200)]
    public static async Task<IResult> Get(string kop, HttpContext http, IDocumentStore store)
    {
        // Logins are global documents (docs/adr/0003): the koperasi is a field on each, not the session's tenant.
        await using var global = store.QuerySession();
        var users = await global.Query<UserAccount>().Where(u => u.Koperasi == kop).ToListAsync(http.RequestAborted);
        // Ordered here, ordinally: the database's collation would put "kasir2" before "kasir.x" on one server and after it on another.
        return Results.Json(users.OrderBy(u => u.Id, StringComparer.Ordinal).Select(UserView.Of).ToList(), ApiJson.Options);
    }
}
