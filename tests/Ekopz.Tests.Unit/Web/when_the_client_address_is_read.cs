using System.Net;
using Ekopz.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Ekopz.Tests.Unit.Web;

/// <summary>
/// Where a request came from (docs/adr/0018): X-Forwarded-For only from this host or a listed proxy, its last entry,
/// IPv6 counted by /64.
/// </summary>
public class when_the_client_address_is_read
{
    private static ClientAddress Addresses(string? trusted = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EKOPZ_TRUSTED_PROXIES"] = trusted }).Build());

    private static HttpContext Request(string? peer, string? forwardedFor = null, string? userAgent = null, string local = "10.0.0.5")
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = peer is null ? null : IPAddress.Parse(peer);
        http.Connection.LocalIpAddress = IPAddress.Parse(local);
        if (forwardedFor is not null) http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        if (userAgent is not null) http.Request.Headers.UserAgent = userAgent;
        return http;
    }

    [Theory]
    [InlineData("127.0.0.1", "198.51.100.7", "198.51.100.7", "127.0.0.1")]
    [InlineData("::1", "198.51.100.7", "198.51.100.7", "::1")]
    [InlineData("::ffff:127.0.0.1", "198.51.100.7", "198.51.100.7", "127.0.0.1")]
    [InlineData("10.0.0.5", "198.51.100.7", "198.51.100.7", "10.0.0.5")]
    [InlineData("127.0.0.1", "203.0.113.9, 198.51.100.7", "198.51.100.7", "127.0.0.1")]
    [InlineData("127.0.0.1", "198.51.100.7:51000", "198.51.100.7", "127.0.0.1")]
    [InlineData("127.0.0.1", "[2001:db8::7]:443", "2001:db8::7", "127.0.0.1")]
    public void from_this_host_the_forwarded_address_is_the_client(string peer, string forwarded, string client, string by)
    {
        var origin = Addresses().Of(Request(peer, forwarded));
        origin.Address.Should().Be(client);
        origin.ForwardedBy.Should().Be(by);
    }

    [Theory]
    [InlineData("203.0.113.9", "198.51.100.7")]
    [InlineData("192.168.1.20", "127.0.0.1")]
    public void from_elsewhere_it_is_ignored(string peer, string forwarded)
    {
        var origin = Addresses().Of(Request(peer, forwarded));
        origin.Address.Should().Be(peer);
        origin.ForwardedBy.Should().BeNull();
    }

    [Fact]
    public void a_listed_proxy_is_believed()
    {
        Addresses("192.168.1.20, 192.168.1.21").Of(Request("192.168.1.21", "198.51.100.7")).Address.Should().Be("198.51.100.7");
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("")]
    [InlineData("unknown, ")]
    public void a_forwarded_value_that_is_no_address_leaves_the_connection_address(string forwarded)
    {
        var origin = Addresses().Of(Request("127.0.0.1", forwarded));
        origin.Address.Should().Be("127.0.0.1");
        origin.ForwardedBy.Should().BeNull();
    }

    [Fact]
    public void an_in_process_request_is_this_host()
    {
        Addresses().Of(Request(null, "198.51.100.7")).Address.Should().Be("198.51.100.7");
        Addresses().Of(Request(null)).Address.Should().Be("local");
    }

    [Fact]
    public void ipv6_clients_are_counted_by_their_64_network_and_ipv4_by_address()
    {
        new ClientOrigin("2001:db8:1:2:aaaa::1", null, null).LimitKey.Should().Be(new ClientOrigin("2001:db8:1:2:bbbb::9", null, null).LimitKey);
        new ClientOrigin("2001:db8:1:3::1", null, null).LimitKey.Should().NotBe(new ClientOrigin("2001:db8:1:2::1", null, null).LimitKey);
        new ClientOrigin("198.51.100.7", null, null).LimitKey.Should().Be("198.51.100.7");
    }

    [Fact]
    public void the_user_agent_is_kept_printable_and_short()
    {
        Addresses().Of(Request("127.0.0.1", userAgent: "Mozilla/5.0 " + new string('x', 500))).UserAgent!.Length.Should().Be(300);
        ClientAddress.Clean("a\u0001b").Should().Be("ab");
        ClientAddress.Clean("   ").Should().BeNull();
    }

    [Fact]
    public void a_trusted_proxy_that_is_not_an_address_stops_the_start()
    {
        var act = () => Addresses("proxy.example");
        act.Should().Throw<InvalidOperationException>().WithMessage("*EKOPZ_TRUSTED_PROXIES*");
    }
}
