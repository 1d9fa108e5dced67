using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LowLatency.Hosting.Tests;

/// <summary>
/// The two ways a host picks its strategy: a fixed type of the application's own (<c>AddMarketPipeline&lt;TStrategy&gt;</c>,
/// here <see cref="EveryTradeStrategy"/>) or a name from a catalog (<c>LowLatency:Strategy:Name</c>); parameters from
/// <c>LowLatency:Strategy:Parameters</c>; and the caller's own stages.
/// </summary>
public sealed class MarketPipelineServiceCollectionExtensionsTests
{
    private static readonly FixedPoint s_price = FixedPoint.FromInt(100);

    [Fact]
    public async Task AddMarketPipelineOfT_OwnStrategy_ItsSignalsReachTheSubscribers()
    {
        using IHost host = TestHosts.Build<EveryTradeStrategy>();
        MarketPipelineService service = host.Service();
        List<Signal> received = await RunTrades(host, count: 6);

        Assert.Equal(EveryTradeStrategy.Name, service.Pipeline.StrategyName);
        Assert.Equal(EveryTradeStrategy.EveryTradeName, service.Pipeline.Reasons[EveryTradeStrategy.EveryTrade]);
        Assert.Equal(ExpectedSignals(service.Symbols.GetOrAdd("AAPL"), count: 6, FixedPoint.FromInt(1)), received);
        Assert.Equal(received, service.Pipeline.Trading.Signals.Signals.ToArray());
        Assert.Equal(5, service.Pipeline.Trading.Fills.TotalCount); // each on the next trade; the last order is still open
    }

    [Fact]
    public async Task AddMarketPipelineOfT_ParameterInConfiguration_ReachesTheStrategy()
    {
        using IHost host = TestHosts.Build<EveryTradeStrategy>(settings: [new("LowLatency:Strategy:Parameters:quantity", "2.5")]);
        List<Signal> received = await RunTrades(host, count: 4);

        Assert.Equal(ExpectedSignals(host.Service().Symbols.GetOrAdd("AAPL"), count: 4, FixedPoint.Parse("2.5")), received);
    }

    [Fact]
    public async Task AddMarketPipelineOfT_NameOfTheSameStrategy_IsAccepted()
    {
        using IHost host = TestHosts.Build<EveryTradeStrategy>(settings: [new("LowLatency:Strategy:Name", "Every-Trade")]);
        await host.StartBounded();

        Assert.Equal(EveryTradeStrategy.Name, host.Service().Pipeline.StrategyName);
        await host.StopBounded();
    }

    [Theory]
    [InlineData("Strategy:Parameters:quantity", "abc",
        "LowLatency:Strategy:Parameters:quantity: must be a decimal number with at most 8 decimals, 0.00000001 to 1000000 (got 'abc').")]
    [InlineData("Strategy:Parameters:quantity", "0",
        "LowLatency:Strategy:Parameters:quantity: must be a decimal number with at most 8 decimals, 0.00000001 to 1000000 (got '0').")]
    [InlineData("Strategy:Parameters:qty", "2",
        "LowLatency:Strategy:Parameters:qty: strategy 'every-trade' has no parameter 'qty' (it takes quantity).")]
    [InlineData("Strategy:Parameters:quantty", "2",
        "LowLatency:Strategy:Parameters:quantty: strategy 'every-trade' has no parameter 'quantty' (it takes quantity); did you mean 'quantity'?")]
    [InlineData("Strategy:Name", "threshold",
        "LowLatency:Strategy:Name is 'threshold', but this host runs 'every-trade' (remove the key or set it to that name).")]
    [InlineData("Trading:MaxNotional", "-100", "LowLatency:Trading:MaxNotional must be 0 (off) or positive, with at most 8 decimals (got -100).")]
    public async Task AddMarketPipelineOfT_InvalidStrategySetting_StartFailsNamingTheFullKey(string key, string value, string expected)
    {
        using IHost host = TestHosts.Build<EveryTradeStrategy>(settings: [new("LowLatency:" + key, value)]);

        OptionsValidationException ex = await host.StartFails();
        Assert.Equal([expected], ex.Failures);
    }

    [Fact]
    public async Task AddMarketPipeline_CatalogWithOwnStrategy_RunsTheStrategyNamedInConfiguration()
    {
        using IHost host = TestHosts.Build(settings: [new("LowLatency:Strategy:Name", "every-trade")], strategies: CatalogWithOwnStrategy());
        List<Signal> received = await RunTrades(host, count: 3);

        Assert.Equal(EveryTradeStrategy.Name, host.Service().Pipeline.StrategyName);
        Assert.Equal(ExpectedSignals(host.Service().Symbols.GetOrAdd("AAPL"), count: 3, FixedPoint.FromInt(1)), received);
    }

    [Fact]
    public void AddMarketPipeline_NoStrategyName_RunsTheDefaultThreshold()
    {
        using IHost host = TestHosts.Build();

        Assert.Equal(ThresholdStrategy.Name, host.Service().Pipeline.StrategyName);
    }

    [Fact]
    public async Task AddMarketPipeline_UnknownStrategyName_StartFailsListingTheRegisteredNames()
    {
        using IHost host = TestHosts.Build(settings: [new("LowLatency:Strategy:Name", "momentum")], strategies: CatalogWithOwnStrategy());

        OptionsValidationException ex = await host.StartFails();
        Assert.Equal(["LowLatency:Strategy:Name 'momentum' is not a registered strategy; registered: threshold, vwap-mean-reversion, every-trade."],
            ex.Failures);
    }

    [Fact]
    public async Task AddMarketPipelineOfT_Stages_TheStageRunsAfterTheStrategyAndSeesEveryEvent()
    {
        var recorder = new StageRecorder();
        using IHost host = TestHosts.Build<EveryTradeStrategy>(stages: b => b.AfterStrategy(new RecordingStage(recorder), "audit"));
        MarketPipelineService service = host.Service();
        Assert.Equal(["filter", "aggregator", "strategy", "audit"], service.Pipeline.Stages.Select(s => s.Name));

        await RunTrades(host, count: 10);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), recorder.Sequences);
        // After the strategy: each event carries the side of the signal it made, buys and sells alternating.
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? SignalSide.Buy : SignalSide.Sell), recorder.Signals);
        Assert.Equal(new StageReport("audit", 10, 0), service.Report!.Stages[^1]);
    }

    [Fact]
    public async Task AddMarketPipeline_StagesBesideAggregatorAndBeforeStrategy_RunInTheirPlaces()
    {
        var beside = new StageRecorder();
        var before = new StageRecorder();
        using IHost host = TestHosts.Build(stages: b => b
            .BesideAggregator(new RecordingStage(beside), "beside")
            .BeforeStrategy(new RecordingStage(before), "before"));
        MarketPipelineService service = host.Service();
        Assert.Equal(["filter", "aggregator", "beside", "before", "strategy"], service.Pipeline.Stages.Select(s => s.Name));

        await RunTrades(host, count: 5);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), beside.Sequences);
        Assert.Equal(beside.Sequences, before.Sequences);
        Assert.All(before.Signals, s => Assert.Equal(SignalSide.None, s)); // the strategy has not seen the event yet
    }

    /// <summary>Starts the host, publishes <paramref name="count"/> AAPL trades at 100 (timestamps 1, 2, ...), stops it,
    /// and returns what a SignalHub subscriber received.</summary>
    private static async Task<List<Signal>> RunTrades(IHost host, int count)
    {
        MarketPipelineService service = host.Service();
        var received = new List<Signal>();
        using IDisposable subscription = service.Signals.Subscribe(received.Add);
        await host.StartBounded();
        SymbolId aapl = service.Symbols.GetOrAdd("AAPL");
        await TestHosts.Bounded(() =>
        {
            for (int i = 0; i < count; i++)
            {
                service.Publisher.Publish(TestHosts.Trade(aapl, timestampNs: i + 1, price: 100));
            }
        });
        await host.StopBounded();
        Assert.True(service.Report!.Drained);
        return received;
    }

    /// <summary><see cref="EveryTradeStrategy"/> on <see cref="RunTrades"/>'s trades: a market order per trade, buy
    /// and sell alternating, priced at the last trade (there are no quotes).</summary>
    private static List<Signal> ExpectedSignals(SymbolId symbol, int count, FixedPoint quantity) =>
    [
        .. Enumerable.Range(0, count).Select(i => new Signal(symbol, i % 2 == 0 ? SignalSide.Buy : SignalSide.Sell, quantity, s_price,
            TimestampNs: i + 1, Sequence: i, EveryTradeStrategy.EveryTrade)),
    ];

    private static StrategyCatalog CatalogWithOwnStrategy() => StrategyCatalog.WithBuiltIns().Add<EveryTradeStrategy>();
}
