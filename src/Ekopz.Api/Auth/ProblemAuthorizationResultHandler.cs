using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Wolverine.Attributes;

namespace Ekopz.Api.Auth;

/// <summary>401 and 403 as problem details with a code, like every other error.</summary>
/// <remarks>Not a Wolverine message handler, though its name ends in "Handler": without the attribute Wolverine's discovery
/// takes it for one and `codegen write` fails on its HandleAsync (docs/adr/0048).</remarks>
[WolverineIgnore]
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // The console's pages sign in or show "not allowed" through their cookie scheme.
        if (Ekopz.Web.Hosting.WebSetup.IsConsole(context.Request.Path))
            return _default.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Challenged)
            return Problems.Write(context, "unauthorized", "A valid bearer token is required.", status: 401);
        if (authorizeResult.Forbidden)
            return Problems.Write(context, ErrorCodes.Forbidden, "Your role does not allow this.");
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
