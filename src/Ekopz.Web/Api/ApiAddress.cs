using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace Ekopz.Web.Api;

/// <summary>
/// Where the console finds the API: <c>EKOPZ_API_URL</c> when set (an API on another host), else
/// this same server's own address on loopback. The console runs in the API's host but still goes
/// through HTTP, so it can do exactly what any other client can, and nothing more.
/// </summary>
public sealed class ApiAddress(IConfiguration configuration, IServer server)
{
    private Uri? _base;

    public Uri Base => _base ??= Resolve();

    private Uri Resolve()
    {
        if (configuration["EKOPZ_API_URL"] is { Length: > 0 } configured) return new Uri(configured.TrimEnd('/') + "/");
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; set EKOPZ_API_URL.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost") uri.Host = "127.0.0.1";
        uri.Path = "/";
        return uri.Uri;
    }
}
