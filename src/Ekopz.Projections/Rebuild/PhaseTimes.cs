using System.Diagnostics;

namespace Ekopz.Projections.Rebuild;

/// <summary>Wall time per phase of a rebuild, so a slow rebuild says where its time went (docs/adr/0027, "Speed").</summary>
internal sealed class PhaseTimes
{
    private readonly Dictionary<string, TimeSpan> _totals = [];

    public IReadOnlyDictionary<string, TimeSpan> Totals => _totals;

    public IDisposable Of(string phase) => new Timing(this, phase);

    private sealed class Timing(PhaseTimes owner, string phase) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose() =>
            owner._totals[phase] = owner._totals.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(_started);
    }
}
