using System.Diagnostics.Metrics;
using M = LowLatency.Hosting.MarketPipelineMetrics;

namespace LowLatency.Hosting.Tests.Support;

/// <summary>
/// Listens to every instrument of one host's meter and reads them all at once, on the calling thread, as
/// dotnet-counters does on its own: remembers the last value of each counter series (instrument + tags) to catch a
/// counter that goes back, and checks the latency gauges of each read against each other.
/// </summary>
internal sealed class InstrumentReader : IDisposable
{
    private readonly MeterListener _listener;
    private readonly Dictionary<string, long> _lastCounts = [];
    private long _p50;
    private long _p99;

    public InstrumentReader(IMeterFactory meters)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == M.MeterName && instrument.Meter.Scope == meters)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>(OnLong);
        _listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        _listener.Start();
    }

    /// <summary>Counter series (instrument and tags) whose value was lower than at the read before.</summary>
    public List<string> Decreases { get; } = [];

    /// <summary>Reads where p50 or p99 exceeded the max read after them.</summary>
    public List<string> InconsistentLatencies { get; } = [];

    public long LastMaxLatency { get; private set; }

    /// <summary>Runs every observable callback once; any exception they throw comes out as an AggregateException.</summary>
    public void ReadAll() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case M.LatencyP50:
                _p50 = value;
                return;
            case M.LatencyP99:
                _p99 = value;
                return;
            case M.LatencyMax:
                // The max is read after the percentiles and only grows, so it bounds both.
                if (_p50 > value || _p99 > value)
                {
                    InconsistentLatencies.Add($"p50 {_p50}, p99 {_p99}, max {value}");
                }

                LastMaxLatency = value;
                return;
        }

        if (instrument is not ObservableCounter<long>)
        {
            return;
        }

        string series = instrument.Name + string.Concat(tags.ToArray().Select(t => $" {t.Key}={t.Value}"));
        if (_lastCounts.TryGetValue(series, out long last) && value < last)
        {
            Decreases.Add($"{series}: {last} then {value}");
        }

        _lastCounts[series] = value;
    }
}
