using Ekopz.Api.Documents;
using Ekopz.Domain.Common;

namespace Ekopz.Api.Hosting;

/// <summary>
/// <c>rat-pack &lt;kop&gt; &lt;year&gt; [out.zip]</c>: writes the RAT pack of a closed year (docs/adr/0034), the same zip the API's
/// <c>years/{year}/rat-pack.zip</c> answers, and lists what is in it. (<c>./ekopz rat-pack</c> runs it.)
/// </summary>
public static class RatPackCommand
{
    public static async Task<int> Run(IServiceProvider services, string[] args, TextWriter? output = null)
    {
        var o = output ?? Console.Out;
        if (args.Length is < 2 or > 3 || !int.TryParse(args[1], out var year))
        {
            await o.WriteLineAsync("usage: rat-pack <kop> <year> [out.zip]");
            return 2;
        }
        RatPackMaker.Pack pack;
        try
        {
            pack = await RatPackMaker.Make(services, args[0], year, CancellationToken.None);
        }
        catch (DomainException e)
        {
            await o.WriteLineAsync($"{e.Code}: {e.Message}");
            return 1;
        }
        var path = Path.GetFullPath(args.Length == 3 ? args[2] : pack.FileName);
        await File.WriteAllBytesAsync(path, pack.Zip);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(pack.Zip));
        foreach (var e in zip.Entries) await o.WriteLineAsync($"  {e.FullName} ({e.Length:N0} bytes)");
        await o.WriteLineAsync($"{path}: {zip.Entries.Count} files, {pack.Zip.Length:N0} bytes");
        return 0;
    }
}
