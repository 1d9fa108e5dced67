using System.Diagnostics;
using LowLatency.Engine;

namespace LowLatency.Ticks.Replay;

/// <summary>
/// Replays merged recorded ticks into a <see cref="MarketPipeline"/> on a dedicated producer thread, each tick read
/// straight into its claimed ring slot, as fast as possible or paced to recorded time; then drains and stops.
/// </summary>
public static class ReplayRun
{
    /// <summary>Events published together when replaying flat out.</summary>
    public const int MaxBatch = 32;

    public static ReplayReport Execute(MarketPipeline pipeline, TickMerger input, ReplayOptions options,
        Action<ReplayProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(input);
        if (options.Speed < 0 || double.IsNaN(options.Speed) || double.IsInfinity(options.Speed))
        {
            throw new ArgumentException($"Speed must be 0 (max) or a positive factor (got {options.Speed}).", nameof(options));
        }

        var producer = new Producer(pipeline, input, options, cancellation);
        var thread = new Thread(producer.Run) { Name = "replay-producer", IsBackground = true };
        pipeline.Start();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        thread.Start();
        while (!thread.Join(options.ProgressInterval))
        {
            progress?.Invoke(new ReplayProgress(producer.Published, Stopwatch.GetElapsedTime(start).TotalSeconds, producer.LastTimestampNs));
        }

        bool drained = pipeline.Drain(options.DrainTimeout);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        drained &= pipeline.Shutdown(options.DrainTimeout);
        return new ReplayReport(producer.Published, producer.NotSelected, seconds, producer.FirstTimestampNs,
            producer.LastTimestampNs, allocated, drained && producer.Error is null, producer.Error, producer.Cancelled, producer.OutsideRange);
    }

    /// <summary>The producer thread's state; counters are read by the progress loop while it runs.</summary>
    private sealed class Producer(MarketPipeline pipeline, TickMerger input, ReplayOptions options, CancellationToken cancellation)
    {
        private long _published;
        private long _lastTimestampNs;

        public long Published => Volatile.Read(ref _published);

        public long LastTimestampNs => Volatile.Read(ref _lastTimestampNs);

        public long FirstTimestampNs { get; private set; }

        public long NotSelected { get; private set; }

        public long OutsideRange { get; private set; }

        public Exception? Error { get; private set; }

        /// <summary>The input was stopped by the cancellation before it ended.</summary>
        public bool Cancelled { get; private set; }

        public void Run()
        {
            try
            {
                Publish();
            }
            catch (Exception ex)
            {
                // Stop here (never let the exception kill the process on this thread); everything published before
                // it still goes through the pipeline, and the caller reports Error.
                Error = ex;
            }
        }

        private void Publish()
        {
            // Paced replays publish every event at once; flat-out replays publish in runs.
            var publisher = new BatchingPublisher<MarketEvent>(pipeline.RingBuffer, options.Speed > 0 ? 1 : MaxBatch);
            bool[]? selected = SelectedSymbols();
            TickTimeRange window = options.Window;
            double ticksPerRecordedNs = options.Speed > 0 ? Stopwatch.Frequency / (1e9 * options.Speed) : 0;
            long wallStart = 0;
            long published = 0;
            long iterations = 0;
            long ingestNs = 0;
            var skipped = default(MarketEvent);

            while (input.HasNext)
            {
                // Counted per tick read, not per tick published: ticks skipped (outside the window, say after --to)
                // publish nothing, and a Ctrl+C must still stop them within a check interval.
                if ((iterations++ & 0x3FF) == 0 && cancellation.IsCancellationRequested)
                {
                    Cancelled = true;
                    break;
                }

                ref readonly MarketEvent next = ref input.Peek;
                long timestamp = next.TimestampNs;
                // No early stop at the window's end: a source out of time order could still hold ticks inside it,
                // and the count of ticks outside stays exact. Files wholly outside are left unopened by the caller.
                bool outside = !window.Contains(timestamp);
                if (outside || (selected is not null && !IsSelected(selected, next.Symbol)))
                {
                    input.TryRead(ref skipped);
                    NotSelected++;
                    OutsideRange += outside ? 1 : 0;
                    continue;
                }

                if (published == 0)
                {
                    FirstTimestampNs = timestamp;
                    wallStart = Stopwatch.GetTimestamp();
                }
                else if (ticksPerRecordedNs > 0)
                {
                    if (!Pacer.WaitUntil(wallStart + (long)((timestamp - FirstTimestampNs) * ticksPerRecordedNs), cancellation))
                    {
                        Cancelled = true;
                        break; // cancelled while waiting: the event is not due yet, so it is not published
                    }
                }

                ref MarketEvent slot = ref publisher.Claim();
                if (publisher.Pending == 1)
                {
                    ingestNs = MonotonicClock.NowNs(); // one clock read per run (see MarketEventSlot.Seal)
                }

                try
                {
                    // The merger copies the peeked event into the slot before it reads ahead, so when the read-ahead
                    // hits a bad row the slot is still a good event: publish it, then let the error stop the replay.
                    input.TryRead(ref slot);
                }
                catch
                {
                    MarketEventSlot.Seal(ref slot, ingestNs);
                    publisher.Flush();
                    Count(published + 1, timestamp);
                    throw;
                }

                MarketEventSlot.Seal(ref slot, ingestNs);
                publisher.Commit();
                Count(++published, timestamp);
            }

            publisher.Flush();
        }

        private void Count(long published, long timestamp)
        {
            Volatile.Write(ref _published, published);
            Volatile.Write(ref _lastTimestampNs, timestamp);
        }

        private bool[]? SelectedSymbols()
        {
            if (options.Symbols is null)
            {
                return null;
            }

            var selected = new bool[pipeline.Symbols.Capacity];
            foreach (string name in options.Symbols)
            {
                selected[pipeline.Symbols.GetOrAdd(name).Value] = true;
            }

            return selected;
        }

        private static bool IsSelected(bool[] selected, SymbolId symbol) =>
            (uint)symbol.Value < (uint)selected.Length && selected[symbol.Value];
    }
}
