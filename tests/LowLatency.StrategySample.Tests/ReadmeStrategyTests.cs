using LowLatency.Market;
using LowLatency.Market.Strategies;

namespace LowLatency.StrategySample.Tests;

/// <summary>The README's strategy example, compiled and run; a second test keeps the README's copy identical.</summary>
public sealed class ReadmeStrategyTests
{
    [Fact]
    public void FadeTheSpike_SpikeThenReturn_SellsThenBuysBack()
    {
        var symbols = new SymbolTable();
        SymbolId spy = symbols.GetOrAdd("SPY");
        var parameters = new StrategyParameters([new("bps", "10"), new("quantity", "50")]);
        using MarketPipeline pipeline = new MarketPipelineBuilder(symbols, new MarketPipelineOptions())
            .WithStrategy(StrategyDefinition.For<FadeTheSpike>(), parameters)
            .Build();
        pipeline.Start();
        decimal[] prices = [100m, 100m, 100.20m, 100.15m, 100.05m, 100.01m];
        for (int i = 0; i < prices.Length; i++)
        {
            pipeline.Publish(MarketEvent.Trade(spy, FixedPoint.FromDecimal(prices[i]), FixedPoint.FromInt(100), timestampNs: 1_000 + i));
        }

        Assert.True(pipeline.Shutdown(TimeSpan.FromSeconds(10)));
        ReadOnlySpan<Signal> signals = pipeline.Trading.Signals.Signals;
        Assert.Equal(2, signals.Length);

        // 100.20 is 13 bps over the VWAP of (100, 100, 100.20): sell 50; it fills on the next trade, 100.15.
        Assert.Equal((SignalSide.Sell, 2L, FadeTheSpike.Spike), (signals[0].Side, signals[0].Sequence, signals[0].Reason));
        // 100.05 is under the VWAP (100.08 over the five trades): buy back; it fills on the next trade, 100.01.
        Assert.Equal((SignalSide.Buy, 4L, FadeTheSpike.Back), (signals[1].Side, signals[1].Sequence, signals[1].Reason));
        Assert.Equal(FixedPoint.Zero, pipeline.Trading.GetPosition(spy));
        Assert.Equal(50m * (100.15m - 100.01m), pipeline.Trading.GetRealizedPnl(spy));
        Assert.Equal("fade-the-spike", pipeline.StrategyName);
    }

    [Fact]
    public void Readme_ContainsTheCompiledStrategy()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LowLatency.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("LowLatency.sln not found above " + AppContext.BaseDirectory);
        }

        string source = File.ReadAllText(Path.Combine(root, "tests", "LowLatency.StrategySample.Tests", "FadeTheSpike.cs"));
        string example = source[source.IndexOf("public struct FadeTheSpike", StringComparison.Ordinal)..].TrimEnd();
        Assert.Contains(example, File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
    }
}
