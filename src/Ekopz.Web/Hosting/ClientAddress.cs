using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Ekopz.Web.Hosting;

/// <summary>Where a request came from: the address, and the trusted proxy that told us so (null when it came straight).</summary>
public sealed record ClientOrigin(string Address, string? ForwardedBy, string? UserAgent)
{
    /// <summary>
    /// The key the per-address limits count under: the address itself for IPv4, its /64 network for IPv6 (one
    /// subscriber gets a whole /64, so counting single IPv6 addresses would limit nothing).
    /// </summary>
    public string LimitKey
    {
        get
        {
            if (!IPAddress.TryParse(Address, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6) return Address;
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
    }
}

/// <summary>
/// The client's address for limits and for the sign-in events (docs/adr/0018). A request's
/// <c>X-Forwarded-For</c> is believed only when the connection itself comes from this host (loopback, or the
/// server's own address: the console calling the API, or a reverse proxy beside it) or from an address listed in
/// <c>EKOPZ_TRUSTED_PROXIES</c>; from anywhere else it is ignored, so a client cannot pick the address it is
/// counted under. Of the header's list the last entry is taken: the one the trusted proxy itself added.
/// </summary>
public sealed class ClientAddress
{
    public const string ForwardedForHeader = "X-Forwarded-For";
    private const int MaxUserAgent = 300;

    private readonly HashSet<IPAddress> _trusted = [];

    public ClientAddress(IConfiguration configuration)
    {
        foreach (var part in (configuration["EKOPZ_TRUSTED_PROXIES"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            _trusted.Add(IPAddress.TryParse(part, out var ip) ? Normal(ip)
                : throw new InvalidOperationException($"EKOPZ_TRUSTED_PROXIES lists '{part}', which is not an IP address."));
    }

    public ClientOrigin Of(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress is { } p ? Normal(p) : null;
        var userAgent = Clean(http.Request.Headers.UserAgent.ToString());
        if (IsTrusted(peer, http.Connection.LocalIpAddress) && Forwarded(http.Request.Headers[ForwardedForHeader].ToString()) is { } forwarded)
            return new ClientOrigin(forwarded.ToString(), peer?.ToString() ?? "local", userAgent);
        return new ClientOrigin(peer?.ToString() ?? "local", null, userAgent);
    }

    /// <summary>
    /// Loopback, this host's own address, or a listed proxy. No address at all is an in-process or Unix-socket
    /// connection: also this host.
    /// </summary>
    private bool IsTrusted(IPAddress? peer, IPAddress? local) =>
        peer is null || IPAddress.IsLoopback(peer) || (local is not null && peer.Equals(Normal(local))) || _trusted.Contains(peer);

    /// <summary>The last address of an X-Forwarded-For list, or null when there is none or it is not an address.</summary>
    public static IPAddress? Forwarded(string header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var last = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is null) return null;
        // "[2001:db8::1]:443" or "203.0.113.7:5000": drop a port.
        if (last.StartsWith('[') && last.IndexOf(']') is var close and > 0) last = last[1..close];
        else if (last.Count(c => c == ':') == 1) last = last[..last.IndexOf(':')];
        return IPAddress.TryParse(last, out var ip) ? Normal(ip) : null;
    }

    private static IPAddress Normal(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    /// <summary>A User-Agent fit to store: printable, at most 300 characters; null when absent.</summary>
    public static string? Clean(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return null;
        var printable = new string(userAgent.Where(c => !char.IsControl(c)).Take(MaxUserAgent).ToArray()).Trim();
        return printable.Length > 0 ? printable : null;
    }
}
