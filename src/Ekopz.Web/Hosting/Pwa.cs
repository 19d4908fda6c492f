using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ekopz.Web.Hosting;

/// <summary>
/// MyKoperasi installs on a phone (docs/adr/0021): a web app manifest that opens on <c>/saya</c>, and a service worker
/// that keeps ONLY the static assets (CSS, JavaScript, fonts, icons under <c>/assets/</c>, whose URLs carry their content
/// hash) for a fast start on a slow line. It never stores a page, an API answer or a download: a member's data stays
/// on the server and on the screen, not in the phone's cache where the next person holding it could read it offline.
/// </summary>
public static class Pwa
{
    /// <summary>The cache's name: a new release of the assets gets a new cache, and the worker deletes the old ones.</summary>
    private static string CacheName(StaticAssets assets) =>
        "ekopz-assets-" + assets.Url("app.css").Split('.')[^2] + assets.Url("member.css").Split('.')[^2] + assets.Url("app.js").Split('.')[^2];

    public static void Map(IEndpointRouteBuilder endpoints, StaticAssets assets)
    {
        var manifest = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "MyKoperasi · Ekopz",
            ["short_name"] = "MyKoperasi",
            ["description"] = Teks.Saya_pwa_deskripsi,
            ["lang"] = "id",
            ["start_url"] = "/saya",
            ["scope"] = "/",
            ["display"] = "standalone",
            ["orientation"] = "portrait",
            ["theme_color"] = "#0b6e4f",
            ["background_color"] = "#f4f5f3",
            ["icons"] = new object[]
            {
                new { src = assets.Url("icon-192.png"), sizes = "192x192", type = "image/png", purpose = "any maskable" },
                new { src = assets.Url("icon-512.png"), sizes = "512x512", type = "image/png", purpose = "any maskable" },
                new { src = assets.Url("favicon.svg"), sizes = "any", type = "image/svg+xml" },
            },
        });
        endpoints.MapGet("/manifest.webmanifest", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Text(manifest, "application/manifest+json; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        var worker = $$"""
            // MyKoperasi's service worker (docs/adr/0021): caches the static assets only. Pages, API answers and
            // downloads always go to the network and are never stored.
            "use strict";
            var CACHE = "{{CacheName(assets)}}";
            self.addEventListener("install", function () { self.skipWaiting(); });
            self.addEventListener("activate", function (e) {
              e.waitUntil(caches.keys().then(function (keys) {
                return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
              }).then(function () { return self.clients.claim(); }));
            });
            self.addEventListener("fetch", function (e) {
              var r = e.request, url = new URL(r.url);
              if (r.method !== "GET" || url.origin !== self.location.origin || !/^\/assets\/[^/]+\.[0-9a-f]{10}\.(css|js|png|svg|ico|woff2?)$/.test(url.pathname)) return;
              e.respondWith(caches.open(CACHE).then(function (cache) {
                return cache.match(r).then(function (hit) {
                  return hit || fetch(r).then(function (res) {
                    if (res.ok && res.type === "basic") cache.put(r, res.clone());
                    return res;
                  });
                });
              }));
            });
            """;
        endpoints.MapGet("/sw.js", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Text(worker, "text/javascript; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
