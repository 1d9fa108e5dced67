using HdrHistogram;

namespace LowLatency.Market.Tests;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void LatencyRecorder_Empty_ReadsZero()
    {
        var latency = new LatencyRecorder();

        Assert.Equal((0L, 0L, 0L), (latency.TotalCount, latency.GetValueAtPercentile(50), latency.GetMaxValue()));
    }

    [Fact]
    public void LatencyRecorder_Reset_ForgetsWhatWasRecordedBefore()
    {
        var latency = new LatencyRecorder();
        for (int i = 1; i <= 10; i++)
        {
            latency.Record(1_000_000);
        }

        _ = latency.TotalCount; // some of it already collected into the total, some still in the interval
        latency.Record(2_000_000);
        latency.Reset();
        latency.Record(16);
        latency.Record(32);

        Assert.Equal((2L, 32L), (latency.TotalCount, latency.GetMaxValue()));
    }

    [Fact]
    public void LatencyRecorder_ReadsBetweenRecords_LoseAndRepeatNothing()
    {
        var latency = new LatencyRecorder();

        for (int i = 1; i <= 60; i++)
        {
            latency.Record(i * 16); // below 2,048: recorded exactly at 3 significant digits
        }

        Assert.Equal(60, latency.TotalCount);
        for (int i = 61; i <= 100; i++)
        {
            latency.Record(i * 16);
        }

        // Every read swaps the interval histograms: each value must reach the total exactly once.
        Assert.Equal(100, latency.TotalCount);
        Assert.Equal(100, latency.TotalCount);
        Assert.Equal(50 * 16, latency.GetValueAtPercentile(50));
        Assert.Equal(99 * 16, latency.GetValueAtPercentile(99));
        Assert.Equal(100 * 16, latency.GetMaxValue());
        HistogramBase snapshot = latency.Snapshot();
        Assert.Equal((100L, 1L, 0L), (snapshot.TotalCount, snapshot.GetCountAtValue(42 * 16), snapshot.GetCountAtValue(42 * 16 + 1)));
    }

    [Fact]
    public void LatencyRecorder_OutOfRange_IsClamped()
    {
        var latency = new LatencyRecorder(highestTrackableValueNs: 1_000_000);

        latency.Record(-5);
        latency.Record(long.MaxValue);

        HistogramBase snapshot = latency.Snapshot();
        Assert.Equal(2, snapshot.TotalCount);
        Assert.Equal(1, snapshot.GetCountAtValue(0));
        Assert.Equal(1, snapshot.GetCountAtValue(latency.HighestTrackableValue));
        Assert.True(latency.HighestTrackableValue >= 1_000_000);
    }

    /// <summary>A reader on another thread swaps and reads while one thread records 2,048,000 values flat out: no
    /// read throws, every read is consistent, and once the writer is done the total holds every value once.</summary>
    [Fact]
    public async Task LatencyRecorder_ReadWhileRecording_NeverThrowsAndCountsEveryValue()
    {
        const int values = 2_048_000; // 2,000 rounds of 1,024 distinct values
        var latency = new LatencyRecorder();
        Task writer = Task.Run(() =>
        {
            for (int i = 0; i < values; i++)
            {
                latency.Record(1_000 + (i & 1_023));
            }
        }, TestContext.Current.CancellationToken);

        long reads = 0;
        long lastCount = 0;
        while (!writer.IsCompleted)
        {
            long count = latency.TotalCount;
            long max = latency.GetMaxValue();
            Assert.InRange(count, lastCount, values);
            Assert.InRange(max, count == 0 ? 0 : 1_000, 2_023);
            lastCount = count;
            reads++;
        }

        await writer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(reads > 0);
        Assert.Equal(values, latency.TotalCount);
        Assert.Equal(2_023, latency.GetMaxValue());
        Assert.Equal(values / 1_024, latency.Snapshot().GetCountAtValue(1_000)); // each of 1,000..2,023 recorded equally often
    }

    /// <summary>As above, with the writer handing over batches of 256 (as the latency stage does): whole batches
    /// only, never part of one, and every value once at the end.</summary>
    [Fact]
    public async Task LatencyRecorder_ReadWhileRecordingBatches_SeesWholeBatchesAndCountsEveryValue()
    {
        const int batch = 256;
        const int batches = 8_000;
        var latency = new LatencyRecorder();
        Task writer = Task.Run(() =>
        {
            long[] values = new long[batch];
            for (int b = 0; b < batches; b++)
            {
                for (int i = 0; i < batch; i++)
                {
                    values[i] = 1_000 + i;
                }

                latency.Record(values);
            }
        }, TestContext.Current.CancellationToken);

        long reads = 0;
        while (!writer.IsCompleted)
        {
            Assert.Equal(0, latency.TotalCount % batch);
            reads++;
        }

        await writer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(reads > 0);
        Assert.Equal(batch * batches, latency.TotalCount);
        Assert.Equal(batches, latency.Snapshot().GetCountAtValue(1_000 + batch - 1));
    }

    [Fact]
    public void Record_ABatch_ClampsEachValue()
    {
        var latency = new LatencyRecorder(highestTrackableValueNs: 1_000_000);

        latency.Record([-5, 16, long.MaxValue]);

        HistogramBase snapshot = latency.Snapshot();
        Assert.Equal((3L, 1L, 1L, 1L), (snapshot.TotalCount, snapshot.GetCountAtValue(0), snapshot.GetCountAtValue(16),
            snapshot.GetCountAtValue(latency.HighestTrackableValue)));
    }

    [Fact]
    public void Record_ABatch_AllocatesNothing()
    {
        var latency = new LatencyRecorder();
        long[] values = [.. Enumerable.Range(0, 256).Select(i => (long)i)];
        _ = latency.TotalCount;

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                latency.Record(values);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, latency.TotalCount % 256_000); // every run recorded whole batches (the probe runs the body several times)
    }

    [Fact]
    public void Record_AllocatesNothing()
    {
        var latency = new LatencyRecorder();
        _ = latency.TotalCount; // the first read allocates the interval histogram the recorder then recycles

        long allocated = AllocationProbe.Measure(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                latency.Record(i);
            }
        });

        Assert.Equal(0, allocated);
    }
}
