using System.Net.Http.Headers;
using Ekopz.Web.Hosting;
using Ekopz.Web.Session;
using Microsoft.AspNetCore.Http;

namespace Ekopz.Web.Api;

/// <summary>
/// What every call to the API carries: the signed-in person's bearer token (kept in the encrypted
/// session cookie, never shown to the browser), the request's correlation id so the events a page
/// causes can be traced to it, for money writes the form's idempotency key, and the browser's address and
/// User-Agent: the API limits sign-ins per client address and records both in the sign-in events, and it sees
/// the console only as a caller on loopback, whose X-Forwarded-For it trusts (docs/adr/0018).
/// </summary>
public sealed class ApiHandler(IHttpContextAccessor accessor, ClientAddress addresses) : DelegatingHandler
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
            // The browser's address as this host resolved it (itself trusting only a proxy beside it), replacing
            // anything the browser sent: the API believes the header because the console calls it from this host.
            var client = addresses.Of(http);
            request.Headers.Remove(ClientAddress.ForwardedForHeader);
            request.Headers.TryAddWithoutValidation(ClientAddress.ForwardedForHeader, client.Address);
            if (client.UserAgent is { } userAgent)
            {
                request.Headers.UserAgent.Clear();
                request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            }
        }
        // Removals are writes too (a unit's manager): a re-submitted DELETE replays its first answer instead of a 404.
        if (ApiCall.IdempotencyKey is { } key && (request.Method == HttpMethod.Post || request.Method == HttpMethod.Delete))
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return base.SendAsync(request, cancellationToken);
    }
}
