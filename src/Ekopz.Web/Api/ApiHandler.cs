using System.Net.Http.Headers;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Http;

namespace Ekopz.Web.Api;

/// <summary>
/// What every call to the API carries: the signed-in person's bearer token (kept in the encrypted
/// session cookie, never shown to the browser), the request's correlation id so the events a page
/// causes can be traced to it, and for money writes the form's idempotency key.
/// </summary>
public sealed class ApiHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var http = accessor.HttpContext;
        if (ApiCall.TokenOverride is { } overriding)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", overriding);
        if (http is not null)
        {
            if (request.Headers.Authorization is null && ConsoleSession.AccessToken(http) is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (http.TraceIdentifier is { Length: > 0 } trace && !request.Headers.Contains("X-Correlation-Id"))
                request.Headers.TryAddWithoutValidation("X-Correlation-Id", "web-" + trace.Replace(':', '-'));
        }
        if (ApiCall.IdempotencyKey is { } key && request.Method == HttpMethod.Post)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return base.SendAsync(request, cancellationToken);
    }
}
