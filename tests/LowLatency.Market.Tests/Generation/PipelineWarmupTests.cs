using LowLatency.Engine;
using LowLatency.Market.Generation;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;

namespace LowLatency.Market.Tests.Generation;

public sealed class PipelineWarmupTests
{
    [Fact]
    public void Run_BuildFunction_FeedsAThrowawayPipelineAndStopsIt()
    {
        MarketPipeline? built = null;

        long published = PipelineWarmup.Run(symbols =>
        {
            built = new MarketPipelineBuilder(symbols, new MarketPipelineOptions { RingSize = 1024 })
                .WithStrategy(StrategyCatalog.WithBuiltIns().Default)
                .Build();
            return built;
        }, events: 20_000, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(20_000, published);
        Assert.Equal(PipelineState.Stopped, built!.State);
        Assert.Equal(20_000, built.Filter.ProcessedCount);
        Assert.True(built.Trading.Signals.TotalCount > 0, "the strategy's decision path is warmed up too");
    }

    [Fact]
    public void Run_FilterAllowingOnlyOtherSymbols_GeneratesThoseSoEventsReachTheStrategy()
    {
        MarketPipeline? built = null;

        PipelineWarmup.Run(symbols =>
        {
            var filter = new FilterOptions { AllowedSymbols = [symbols.GetOrAdd("ZZZZ"), symbols.GetOrAdd("YYYY")] };
            built = new MarketPipelineBuilder(symbols, new MarketPipelineOptions { RingSize = 1024, Filter = filter })
                .WithStrategy(StrategyCatalog.WithBuiltIns().Default)
                .Build();
            return built;
        }, events: 5_000, symbols: ["AAPL"], cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(0, built!.Filter.GetCount(FilterReason.UnknownSymbol)); // with AAPL every event would be
        Assert.True(built.Filter.GetCount(FilterReason.None) > 0);
    }

    [Fact]
    public void Run_NoEvents_Throws()
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        Assert.Throws<ArgumentOutOfRangeException>(() => PipelineWarmup.Run(_ => throw new InvalidOperationException(), events: 0, cancellation: cancellation));
        Assert.Throws<ArgumentNullException>(() => PipelineWarmup.Run(null!, cancellation: cancellation));
    }
}
