using System.Collections.Concurrent;
using Marten;

namespace Ekopz.Api.Platform;

/// <summary>
/// Answers "does this koperasi exist?" for every tenant route. Koperasi are never deleted, so a
/// positive answer is cached for the life of the process; a negative one is always re-checked.
/// </summary>
public sealed class KoperasiDirectory(IDocumentStore store)
{
    private readonly ConcurrentDictionary<string, bool> _known = new();

    public async Task<bool> ExistsAsync(string slug, CancellationToken ct)
    {
        if (_known.ContainsKey(slug)) return true;
        await using var session = store.QuerySession();
        var found = await session.LoadAsync<KoperasiRecord>(slug, ct) is not null;
        if (found) _known[slug] = true;
        return found;
    }
}
