using HdrHistogram;
using HdrHistogram.Utilities;

namespace LowLatency.Market;

/// <summary>
/// Ingest → strategy latencies in ns: the strategy thread records, any thread reads, while it runs. The writer fills
/// one of two interval histograms inside a writer-reader phaser's critical section (two uncontended atomic increments
/// per call, no lock, no allocation); a reader swaps the two, waits for the writer to leave the old one, adds it to a
/// running total and answers from that total, which only readers touch, one at a time. <see cref="Record(ReadOnlySpan{long})"/>
/// records a whole batch in one critical section, so a stage pays the atomics once per batch, not once per event.
/// Reading the histogram the writer is filling instead fails ("Source has been modified during enumeration").
/// </summary>
public sealed class LatencyRecorder
{
    private readonly WriterReaderPhaser _phaser = new();
    private readonly LongHistogram _total;
    private readonly long _highest;
    private LongHistogram _active;   // the writer's; replaced by readers only, under the phaser's reader lock
    private LongHistogram _inactive; // the readers' spare: the next swap hands it to the writer

    public LatencyRecorder(long highestTrackableValueNs = MarketPipeline.MaxRecordedLatencyNs)
    {
        _total = new LongHistogram(1, highestTrackableValueNs, SignificantDigits);
        _active = new LongHistogram(1, highestTrackableValueNs, SignificantDigits);
        _inactive = new LongHistogram(1, highestTrackableValueNs, SignificantDigits);
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
    public void Record(long latencyNs) => Record(new ReadOnlySpan<long>(in latencyNs));

    /// <summary>Records every latency of <paramref name="latenciesNs"/> (clamped as <see cref="Record(long)"/>) in
    /// one critical section. Never blocks or allocates.</summary>
    public void Record(ReadOnlySpan<long> latenciesNs)
    {
        long ticket = _phaser.WriterCriticalSectionEnter();
        try
        {
            LongHistogram active = Volatile.Read(ref _active);
            foreach (long latencyNs in latenciesNs)
            {
                active.RecordValue(Clamp(latencyNs));
            }
        }
        finally
        {
            _phaser.WriterCriticalSectionExit(ticket);
        }
    }

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
        _phaser.ReaderLock();
        try
        {
            LongHistogram filled = _active;
            _inactive.Reset();
            Volatile.Write(ref _active, _inactive);
            _phaser.FlipPhase(); // returns once no writer can still be recording into `filled`
            _total.Add(filled);
            _inactive = filled;
        }
        finally
        {
            _phaser.ReaderUnlock();
        }

        return _total;
    }

    private long Clamp(long latencyNs) => latencyNs < 0 ? 0 : latencyNs > _highest ? _highest : latencyNs;
}
