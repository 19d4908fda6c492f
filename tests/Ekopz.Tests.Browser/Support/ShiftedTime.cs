namespace Ekopz.Tests.Browser.Support;

/// <summary>The real clock moved forward by a chosen amount: "thirty minutes later" without waiting.</summary>
public sealed class ShiftedTime : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public void Advance(TimeSpan by) => Offset += by;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
