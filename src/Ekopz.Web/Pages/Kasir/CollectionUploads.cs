using System.Collections.Concurrent;

namespace Ekopz.Web.Pages.Kasir;

/// <summary>
/// The payroll file of a checked batch, kept by the console between the dry run and "Terapkan" (docs/adr/0036), as
/// <see cref="Pengaturan.ImportUploads"/> keeps an import's: in memory for 30 minutes under a random token, for the same person
/// of the same koperasi only. The API decides every line again when the batch is applied.
/// </summary>
public static class CollectionUploads
{
    public sealed record Upload(string Owner, string Kop, string BatchKey, DateOnly BusinessDate, string ReceivedInto, string FileName, byte[] File,
        DateTimeOffset Expires);

    private static readonly ConcurrentDictionary<string, Upload> Uploads = new();
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(30);

    public static string Put(string owner, string kop, string batchKey, DateOnly businessDate, string receivedInto, string fileName, byte[] file,
        DateTimeOffset now)
    {
        foreach (var (key, upload) in Uploads)
            if (upload.Expires < now) Uploads.TryRemove(key, out _);
        var token = Guid.NewGuid().ToString("N");
        Uploads[token] = new Upload(owner, kop, batchKey, businessDate, receivedInto, fileName, file, now + Keep);
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
