using System.Diagnostics;
using LowLatency.Engine;

namespace LowLatency.Market.Generation;

/// <summary>
/// Runs generator producers into a <see cref="MarketPipeline"/>: warm-up, then a measured steady-state part whose
/// throughput and allocations are reported, then a graceful shutdown that drains every event through every stage.
/// </summary>
public static class GeneratorRun
{
    public static GeneratorRunReport Execute(MarketPipeline pipeline, GeneratorRunOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        Validate(pipeline, options);

        int producers = options.Producers;
        long warmup = Math.Min(options.WarmupEvents, options.Events / 10);
        var workers = new GeneratorProducer[producers];
        for (int i = 0; i < producers; i++)
        {
            MarketEventGeneratorOptions generator = options.Generator with
            {
                Seed = options.Generator.Seed + (ulong)i,
                Symbols = SymbolsOf(options, i),
            };
            workers[i] = new GeneratorProducer(pipeline.RingBuffer, new MarketEventGenerator(pipeline.Symbols, generator));
        }

        // Phases are separated by a barrier so the threads exist before measurement starts (creating them allocates).
        using var phase = new Barrier(producers + 1);
        var threads = new Thread[producers];
        Exception? failure = null;
        for (int i = 0; i < producers; i++)
        {
            GeneratorProducer worker = workers[i];
            long warmupShare = Share(warmup, producers, i);
            long measuredShare = Share(options.Events, producers, i) - warmupShare;
            long rate = options.EventsPerSecond == 0 ? 0 : Math.Max(1, options.EventsPerSecond / producers);
            threads[i] = new Thread(() =>
            {
                int phasesLeft = 2;
                try
                {
                    // Barrier waits take no token: a cancelled producer returns from Produce early and still arrives,
                    // so every phase completes and the run drains what was published (a graceful stop).
                    worker.Produce(warmupShare, rate, cancellation);
                    phase.SignalAndWait();
                    phasesLeft--;
                    phase.SignalAndWait();
                    phasesLeft--;
                    worker.Produce(measuredShare, rate, cancellation);
                }
                catch (Exception ex)
                {
                    failure ??= ex;
                    if (phasesLeft > 0)
                    {
                        phase.RemoveParticipant(); // the others, and the measuring thread, must not wait for us
                    }
                }
            })
            { Name = $"producer-{i}", IsBackground = true };
        }

        pipeline.Start();
        foreach (Thread t in threads)
        {
            t.Start();
        }

        phase.SignalAndWait();                       // warm-up published
        bool drained = pipeline.Drain(options.DrainTimeout);
        pipeline.Latency?.Reset();                   // the measured part's latencies only, as its throughput
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        phase.SignalAndWait();                       // measured part starts
        foreach (Thread t in threads)
        {
            t.Join();
        }

        drained &= pipeline.Drain(options.DrainTimeout);
        long elapsed = Stopwatch.GetTimestamp() - start;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        drained &= pipeline.Shutdown(options.DrainTimeout);

        long published = 0;
        foreach (GeneratorProducer w in workers)
        {
            published += w.Published;
        }

        return new GeneratorRunReport(
            Published: published,
            MeasuredEvents: Math.Max(0, published - warmup), // stopped during the warm-up: nothing was measured
            MeasuredSeconds: (double)elapsed / Stopwatch.Frequency,
            AllocatedBytes: allocated,
            Drained: drained && failure is null,
            Interrupted: cancellation.IsCancellationRequested);
    }

    /// <summary>
    /// Producer <paramref name="index"/> owns every symbol at an index ≡ index (mod producers), the way feeds are
    /// sharded: each symbol has one writer, so its timestamps stay in order (two writers of one symbol would race,
    /// and the filter would rightly reject the late prints).
    /// </summary>
    private static string[]? SymbolsOf(GeneratorRunOptions options, int index)
    {
        if (options.Producers == 1)
        {
            return options.Generator.Symbols;
        }

        string[] all = options.Generator.Symbols ?? MarketEventGenerator.DefaultSymbols.ToArray();
        var mine = new List<string>();
        for (int s = index; s < all.Length; s += options.Producers)
        {
            mine.Add(all[s]);
        }

        return [.. mine];
    }

    private static long Share(long total, int parts, int index) => total / parts + (index < total % parts ? 1 : 0);

    private static void Validate(MarketPipeline pipeline, GeneratorRunOptions options)
    {
        if (options.Events < 1)
        {
            throw new ArgumentException($"Events must be at least 1 (got {options.Events}).", nameof(options));
        }

        if (options.Producers < 1)
        {
            throw new ArgumentException($"Producers must be at least 1 (got {options.Producers}).", nameof(options));
        }

        if (options.Producers > 1 && pipeline.Options.ProducerType != ProducerType.Multi)
        {
            throw new ArgumentException(
                $"{options.Producers} producers need a multi-producer ring (ProducerType.Multi).", nameof(options));
        }

        int symbolCount = options.Generator.Symbols?.Length ?? MarketEventGenerator.DefaultSymbols.Length;
        if (options.Producers > symbolCount)
        {
            throw new ArgumentException(
                $"{options.Producers} producers need at least {options.Producers} symbols (each symbol has one producer); got {symbolCount}.",
                nameof(options));
        }

        if (options.EventsPerSecond < 0)
        {
            throw new ArgumentException($"EventsPerSecond must be 0 (max) or positive (got {options.EventsPerSecond}).", nameof(options));
        }
    }
}
