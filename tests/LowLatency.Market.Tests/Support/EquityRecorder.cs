using LowLatency.Market.Trading;

namespace LowLatency.Market.Tests.Support;

/// <summary>A sink that keeps every equity point in a preallocated array (nothing allocates per point); past its
/// capacity it wraps around and keeps counting.</summary>
internal sealed class EquityRecorder(int capacity = 1 << 16) : ISignalSink
{
    private readonly EquityPoint[] _points = new EquityPoint[capacity];

    /// <summary>Points received so far.</summary>
    public long Count { get; private set; }

    /// <summary>Every point received, in order (fails when some were overwritten).</summary>
    public EquityPoint[] Points
    {
        get
        {
            Assert.True(Count <= _points.Length, $"{Count} points, room for {_points.Length}");
            return _points[..(int)Count];
        }
    }

    public void OnSignal(in Signal signal)
    {
    }

    public void OnEquity(in EquityPoint point)
    {
        _points[Count % _points.Length] = point;
        Count++;
    }
}
