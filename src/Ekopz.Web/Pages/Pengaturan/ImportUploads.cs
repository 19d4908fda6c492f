using System.Collections.Concurrent;

namespace Ekopz.Web.Pages.Pengaturan;

/// <summary>
/// The files of a checked import, kept by the console between the dry run and "Terapkan" (docs/adr/0033, 0035), so a person
/// uploads once: held in memory for 30 minutes under a random token, for the same person of the same koperasi only.
/// The API checks the files again when they are applied. One console process: a second instance would not find them,
/// and the page then asks for the files again.
/// </summary>
public static class ImportUploads
{
    /// <summary>One uploaded file of a kind (members, ledger, loans, products).</summary>
    public sealed record File(string Name, byte[] Bytes);

    public sealed record Upload(string Owner, string Kop, DateOnly CutOver, IReadOnlyDictionary<string, File> Files, DateTimeOffset Expires);

    private static readonly ConcurrentDictionary<string, Upload> Uploads = new();
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(30);

    public static string Put(string owner, string kop, DateOnly cutOver, IReadOnlyDictionary<string, File> files, DateTimeOffset now)
    {
        foreach (var (key, upload) in Uploads)
            if (upload.Expires < now) Uploads.TryRemove(key, out _);
        var token = Guid.NewGuid().ToString("N");
        Uploads[token] = new Upload(owner, kop, cutOver, files, now + Keep);
        return token;
    }

    public static Upload? Get(string? token, string owner, string kop, DateTimeOffset now) =>
        token is not null && Uploads.TryGetValue(token, out var upload) && upload.Owner == owner && upload.Kop == kop && upload.Expires >= now
            ? upload
            : null;

    public static void Forget(string? token)
    {
        if (token is not null) Uploads.TryRemove(token, out _);
    }
}
