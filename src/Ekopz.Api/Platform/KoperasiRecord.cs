using NodaTime;

namespace Ekopz.Api.Platform;

/// <summary>
/// The platform's registry of koperasi (tenants). Global, not tenanted: it is how a slug in a URL
/// is known to exist before any tenant data is touched.
/// </summary>
public sealed class KoperasiRecord
{
    /// <summary>The slug.</summary>
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
