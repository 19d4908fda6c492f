using Ekopz.Api.Auth;
using Ekopz.Api.Infrastructure;
using Ekopz.Domain.Common;
using Ekopz.Domain.Community;

namespace Ekopz.Api.Community;

/// <summary>Two Kopnews posts for the demo koperasi (one public), each with a fixed idempotency key: a second run adds nothing.</summary>
public static class DemoNews
{
    public static async Task SeedAsync(Hosting.DemoSteps steps, Caller seed, string slug, CancellationToken ct)
    {
        (string Key, string Title, string Body, bool Public)[] posts =
        [
            ("seed-news-rat", "Undangan Rapat Anggota Tahunan",
                "Seluruh anggota diundang ke **RAT** di balai desa.\n\n- Laporan pengurus\n- Pembagian SHU\n\nMohon membawa kartu anggota.", false),
            ("seed-news-pasar", "Pasar murah koperasi",
                "Sabtu ini ada *pasar murah* di toko koperasi: beras, minyak dan gula dengan harga anggota untuk umum.", true),
        ];
        foreach (var p in posts)
            await steps.Run(seed, slug, p.Key, scope =>
            {
                // The same decision as postNews (docs/adr/0037); the seeder's step saves it under the fixed key (docs/adr/0042).
                var (posted, _) = NewsWriteEndpoints.DecidePost(scope, new NewsRequest(p.Title, p.Body, p.Public));
                scope.Session.Events.StartStream<NewsPost>(posted.PostId, posted);
                return Task.FromResult(CommandResult.Created(new { posted.PostId }));
            }, ct);
    }
}
