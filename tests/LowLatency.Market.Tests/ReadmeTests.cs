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

    [Theory]
    [InlineData("embedding")]
    [InlineData("engine")]
    public void Readme_ContainsTheCompiledExample(string name)
    {
        string root = RepositoryRoot();
        string source = File.ReadAllText(Path.Combine(root, "tests", "LowLatency.Market.Tests", "ReadmeTests.cs"));
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));

        string snippet = Between(source, $"// begin-snippet: {name}\n", "        // end-snippet");
        string unindented = string.Join('\n', snippet.Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));

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
