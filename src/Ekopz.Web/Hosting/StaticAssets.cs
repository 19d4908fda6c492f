using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// The console's CSS, JavaScript and icons, served from the assembly. Each URL carries a hash of the
/// content (<c>/assets/app.3f2a9c1e.css</c>), so browsers keep a file for a year and a new release
/// is fetched at once; gzip and brotli copies are made at start. Served the same in every
/// environment (tests, development, production) with nothing to publish or copy.
/// </summary>
public sealed class StaticAssets
{
    private sealed record Asset(string Url, string ContentType, byte[] Raw, byte[] Gzip, byte[] Brotli, string ETag);

    private readonly FrozenDictionary<string, Asset> _byName;
    private readonly FrozenDictionary<string, Asset> _byUrl;

    public StaticAssets()
    {
        var assembly = typeof(StaticAssets).Assembly;
        const string prefix = "Ekopz.Web.Assets.";
        var assets = new Dictionary<string, Asset>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var raw = buffer.ToArray();
            var hash = Convert.ToHexStringLower(SHA256.HashData(raw))[..10];
            var dot = name.LastIndexOf('.');
            var url = $"/assets/{name[..dot]}.{hash}{name[dot..]}";
            assets[name] = new Asset(url, ContentType(name), raw, Compress(raw, s => new GZipStream(s, CompressionLevel.SmallestSize)),
                Compress(raw, s => new BrotliStream(s, CompressionLevel.SmallestSize)), $"\"{hash}\"");
        }
        _byName = assets.ToFrozenDictionary();
        _byUrl = assets.Values.ToFrozenDictionary(a => a.Url);
    }

    /// <summary>The hashed URL of an asset by its file name ("app.css").</summary>
    public string Url(string name) => _byName.TryGetValue(name, out var a) ? a.Url : throw new ArgumentException($"No asset {name}");

    public void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/assets/{file}", (HttpContext http, string file) =>
        {
            if (!_byUrl.TryGetValue("/assets/" + file, out var asset)) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.ETag = asset.ETag;
            http.Response.Headers.Vary = "Accept-Encoding";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var accepts = http.Request.Headers.AcceptEncoding.ToString();
            if (accepts.Contains("br", StringComparison.Ordinal))
            {
                http.Response.Headers.ContentEncoding = "br";
                return Results.Bytes(asset.Brotli, asset.ContentType);
            }
            if (accepts.Contains("gzip", StringComparison.Ordinal))
            {
                http.Response.Headers.ContentEncoding = "gzip";
                return Results.Bytes(asset.Gzip, asset.ContentType);
            }
            return Results.Bytes(asset.Raw, asset.ContentType);
        }).AllowAnonymous().ExcludeFromDescription();

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" or ".webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    };

    private static byte[] Compress(byte[] raw, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var z = compressor(output)) z.Write(raw);
        return output.ToArray();
    }
}
