using System.Collections.Concurrent;
using LowLatency.Engine;
using LowLatency.Market.Strategies;

namespace LowLatency.Market.Tests;

/// <summary>The README's embedding example, compiled and run; a second test keeps the README's copy identical.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void EmbeddingExample_RunsAndEmitsOneBuySignal()
    {
        // begin-snippet: embedding
        var symbols = new SymbolTable();
        SymbolId aapl = symbols.GetOrAdd("AAPL");
        var options = new MarketPipelineOptions { WaitStrategy = WaitStrategyKind.Hybrid };
        var strategy = new ThresholdStrategy(new ThresholdOptions { BuyBelow = FixedPoint.Parse("150"), OrderQuantity = FixedPoint.Parse("100") }, symbols.Capacity);
        using MarketPipeline pipeline = new MarketPipelineBuilder(symbols, options).WithStrategy(strategy).Build();
        pipeline.Start();

        // Producer: claim a slot, write the event in place, publish. Nothing is allocated.
        RingBuffer<MarketEvent> ring = pipeline.RingBuffer;
        foreach ((string price, long timestampNs) in new[] { ("149.50", 1L), ("149.60", 2L) })
        {
            long sequence = ring.Next();
            ref MarketEvent slot = ref ring[sequence];
            slot = MarketEvent.Trade(aapl, FixedPoint.Parse(price), FixedPoint.Parse("100"), timestampNs);
            ring.Publish(sequence);
        }

        pipeline.Shutdown(TimeSpan.FromSeconds(5)); // graceful: every event goes through every stage first
        Signal buy = pipeline.Trading.Signals[0];    // Buy 100 AAPL, decided on the trade at 149.50 (below 150)
        Fill fill = pipeline.Trading.Fills[0];       // filled on the next trade, at 149.60
        // end-snippet

        Assert.Equal(1, pipeline.Trading.Signals.TotalCount);
        Assert.Equal(FixedPoint.Parse("100"), buy.Quantity);
        Assert.Equal(SignalSide.Buy, buy.Side);
        Assert.Equal(FixedPoint.Parse("149.5"), buy.Price);
        Assert.Equal(aapl, buy.Symbol);
        Assert.Equal((0L, 1L, FixedPoint.Parse("149.6")), (fill.SignalSequence, fill.Sequence, fill.Price));
        Assert.Equal(FixedPoint.Parse("100"), pipeline.Trading.GetPosition(aapl));
        Assert.Equal(PipelineState.Stopped, pipeline.State);
    }

    [Fact]
    public void EngineExample_DiamondRunsDecideAfterBoth()
    {
        // begin-snippet: engine
        using var pipeline = new EventPipeline<MyEvent>(ringSize: 1 << 16, ProducerType.Single, WaitStrategy.Create(WaitStrategyKind.Hybrid));
        pipeline.HandleEventsWith(new Decode(), new Journal()).Then(new Decide());   // Decide runs after both
        pipeline.Start();
        using (var claim = pipeline.RingBuffer.ClaimNext()) { claim.Event.Value = 42; } // published on Dispose
        pipeline.Shutdown(TimeSpan.FromSeconds(5));
        // end-snippet

        Assert.Equal(42 * 2 + 1, pipeline.GetProcessor<Decide>().Handler.LastSeen);
    }

    [Fact]
    public void EngineThreadsExample_FusedStagesBatchHookAndIdleTimeout()
    {
        // begin-snippet: engine-threads
        var heartbeats = new ConcurrentQueue<long>();
        using var pipeline = new EventPipeline<MyEvent>(ringSize: 1 << 16, ProducerType.Single, WaitStrategy.Create(WaitStrategyKind.Hybrid))
        {
            Topology = StageTopology.Fused, // both stages on one thread; Auto (the default) decides from the cores
        };
        pipeline.HandleEventsWith(new Decode())
            .Then(new Batcher(heartbeats), new HandlerOptions { MaxBatchSize = 64, IdleTimeout = TimeSpan.FromMilliseconds(5) });
        pipeline.Start();
        using (var claim = pipeline.RingBuffer.ClaimNext()) { claim.Event.Value = 42; }
        SpinWait.SpinUntil(() => heartbeats.Contains(0), TimeSpan.FromSeconds(5)); // 5 ms idle after event 0: OnTimeout(0)
        pipeline.Shutdown(TimeSpan.FromSeconds(5));
        // end-snippet

        Assert.Single(pipeline.StageThreads);
        Assert.Equal((1L, 84L), (pipeline.GetProcessor<Batcher>().Handler.Batches, pipeline.GetProcessor<Batcher>().Handler.LastDecoded));
        Assert.Contains(0L, heartbeats); // OnTimeout reports the last sequence handled
    }

    [Theory]
    [InlineData("embedding")]
    [InlineData("engine")]
    [InlineData("engine-threads")]
    [InlineData("engine-threads-handler")]
    public void Readme_ContainsTheCompiledExample(string name)
    {
        string root = RepositoryRoot();
        string source = File.ReadAllText(Path.Combine(root, "tests", "LowLatency.Market.Tests", "ReadmeTests.cs"));
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));

        // The snippet's indentation is its marker's: 8 spaces inside a method, 4 for a type.
        string marker = $"// begin-snippet: {name}\n";
        int markerAt = source.IndexOf(marker, StringComparison.Ordinal);
        int indent = markerAt - source.LastIndexOf('\n', markerAt) - 1;
        string snippet = Between(source, marker, new string(' ', indent) + "// end-snippet");
        string unindented = string.Join('\n', snippet.Split('\n').Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));

        Assert.Contains(unindented.TrimEnd(), readme, StringComparison.Ordinal);
    }

    private struct MyEvent
    {
        public long Value;
        public long Decoded;
        public long Journaled;
    }

    private struct Decode : IEventHandler<MyEvent>
    {
        public readonly void OnEvent(ref MyEvent data, long sequence, bool endOfBatch) => data.Decoded = data.Value * 2;
    }

    private struct Journal : IEventHandler<MyEvent>
    {
        public readonly void OnEvent(ref MyEvent data, long sequence, bool endOfBatch) => data.Journaled = 1;
    }

    // begin-snippet: engine-threads-handler
    private struct Batcher(ConcurrentQueue<long> heartbeats) : IEventHandler<MyEvent>
    {
        public long Batches;
        public long LastDecoded;

        public void OnBatchStart(long batchSize) => Batches++;    // at most MaxBatchSize events follow

        public void OnEvent(ref MyEvent data, long sequence, bool endOfBatch) => LastDecoded = data.Decoded;

        public readonly void OnTimeout(long sequence) => heartbeats.Enqueue(sequence); // idle: act on time
    }
    // end-snippet

    private struct Decide : IEventHandler<MyEvent>
    {
        public long LastSeen;

        public void OnEvent(ref MyEvent data, long sequence, bool endOfBatch) => LastSeen = data.Decoded + data.Journaled;
    }

    [Fact]
    public void Readme_ContainsTheHostSampleProgramVerbatim()
    {
        string root = RepositoryRoot();
        string program = File.ReadAllText(Path.Combine(root, "src", "LowLatency.HostSample", "Program.cs")).TrimEnd();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));

        Assert.Contains(program, readme, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LowLatency.sln not found above " + AppContext.BaseDirectory);
    }
}
