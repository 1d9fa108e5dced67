using HdrHistogram;

namespace LowLatency.Market;

/// <summary>
/// Ingest → strategy latencies in ns: the strategy thread records, any thread reads, while it runs. Values go into
/// HdrHistogram's <see cref="Recorder"/>, which swaps two interval histograms under a writer-reader phaser (two
/// uncontended atomic increments per value, no lock, no allocation on the writer); each read swaps, adds the finished
/// interval to a running total and answers from that total, which only readers touch, one at a time. Reading the
/// histogram the writer is filling instead fails ("Source has been modified during enumeration").
/// </summary>
public sealed class LatencyRecorder
{
    private readonly Recorder _recorder;
    private readonly LongHistogram _total;
    private readonly long _highest;
    private HistogramBase? _spare; // the last interval, handed back so the next swap reuses it instead of allocating

    public LatencyRecorder(long highestTrackableValueNs = MarketPipeline.MaxRecordedLatencyNs)
    {
        _recorder = new Recorder(1, highestTrackableValueNs, SignificantDigits,
            static (id, lowest, highest, digits) => new LongHistogram(id, lowest, highest, digits));
        _total = new LongHistogram(1, highestTrackableValueNs, SignificantDigits);
        _highest = _total.HighestTrackableValue;
    }

    /// <summary>Values are kept to this many significant decimal digits.</summary>
    public const int SignificantDigits = 3;

    /// <summary>Latencies above this are recorded as this.</summary>
    public long HighestTrackableValue => _highest;

    /// <summary>Latencies recorded so far.</summary>
    public long TotalCount
    {
        get
        {
            lock (_total)
            {
                return Collect().TotalCount;
            }
        }
    }

    /// <summary>Records one latency, clamped to [0, <see cref="HighestTrackableValue"/>]. Never blocks or allocates.</summary>
    public void Record(long latencyNs) => _recorder.RecordValue(latencyNs < 0 ? 0 : latencyNs > _highest ? _highest : latencyNs);

    /// <summary>The latency at <paramref name="percentile"/> (0 to 100) of everything recorded so far; 0 if nothing was.</summary>
    public long GetValueAtPercentile(double percentile)
    {
        lock (_total)
        {
            LongHistogram total = Collect();
            return total.TotalCount == 0 ? 0 : total.GetValueAtPercentile(percentile);
        }
    }

    /// <summary>The largest latency recorded so far (to <see cref="SignificantDigits"/> digits); 0 if none was.</summary>
    public long GetMaxValue()
    {
        lock (_total)
        {
            LongHistogram total = Collect();
            return total.TotalCount == 0 ? 0 : total.GetMaxValue();
        }
    }

    /// <summary>A copy of everything recorded so far, for percentiles, output or plots of one's own.</summary>
    public HistogramBase Snapshot()
    {
        lock (_total)
        {
            return Collect().Copy();
        }
    }

    /// <summary>Forgets everything recorded so far (a warm-up's latencies). Values recorded while it runs may land on
    /// either side.</summary>
    public void Reset()
    {
        lock (_total)
        {
            Collect();
            _total.Reset();
        }
    }

    /// <summary>Moves what was recorded since the last read into the total. Call under the lock on the total.</summary>
    private LongHistogram Collect()
    {
        HistogramBase interval = _recorder.GetIntervalHistogram(_spare);
        _total.Add(interval);
        _spare = interval;
        return _total;
    }
}
