using System.Threading.Channels;
using LowLatency.Market;
using LowLatency.Market.Handlers;
using LowLatency.Market.Strategies;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The Channels equivalent of the three-stage pipeline: producer → channel → filter thread → channel → aggregator
/// thread → channel → strategy thread, each channel bounded (SingleReader and SingleWriter; the capacity of our ring,
/// but the aggregator → strategy one two fewer: <see cref="MarketStages.StrategyChannelCapacity"/>) and each stage a
/// <see cref="ChannelStage{THandler}"/> (async by default, or a spinning dedicated thread) running the very same
/// handler struct on its own copy of the event, then forwarding the copy. The aggregator and the strategy share an
/// aggregate ring of our ring's size, indexed by the event's number.
/// </summary>
internal sealed class ChannelPipelineRig : IMacroRig
{
    private readonly MarketStages _stages = new(MacroSizes.Capacity);
    private readonly Channel<MarketEvent> _toFilter = CreateChannel(MacroSizes.Capacity);
    private readonly ChannelStage<FilterHandler> _filter;
    private readonly ChannelStage<AggregatorHandler> _aggregator;
    private readonly ChannelStage<StrategyHandler<VwapMeanReversionStrategy>> _strategy;
    private readonly string _name;
    private long _published;

    public ChannelPipelineRig(bool spinningStages = false)
    {
        _name = spinningStages ? "Channel pipeline spinning" : "Channel pipeline async";
        Channel<MarketEvent> toAggregator = CreateChannel(MacroSizes.Capacity);
        Channel<MarketEvent> toStrategy = CreateChannel(_stages.StrategyChannelCapacity); // keeps the aggregator < a ring ahead
        _filter = new("channel-filter", _toFilter.Reader, toAggregator.Writer, _stages.FilterHandler, spinningStages);
        _aggregator = new("channel-aggregator", toAggregator.Reader, toStrategy.Writer, _stages.AggregatorHandler, spinningStages);
        _strategy = new("channel-strategy", toStrategy.Reader, next: null, _stages.StrategyHandler, spinningStages);
    }

    public void Run(int eventCount)
    {
        Publish(eventCount);
        _published += eventCount;
        var spin = new BoundedSpin();
        while (_strategy.Sequence.Value < _published - 1)
        {
            _filter.ThrowIfFaulted();
            _aggregator.ThrowIfFaulted();
            _strategy.ThrowIfFaulted();
            spin.SpinOnce("the strategy stage to catch up");
        }
    }

    public void StopAndVerify()
    {
        _toFilter.Writer.Complete(); // each stage completes the next channel once it has drained its own
        _filter.WaitForCompletion();
        _aggregator.WaitForCompletion();
        _strategy.WaitForCompletion();
        Console.WriteLine(_stages.Verify(_name, _published));
    }

    private static Channel<MarketEvent> CreateChannel(int capacity) =>
        Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });

    private void Publish(int count)
    {
        ChannelWriter<MarketEvent> writer = _toFilter.Writer;
        MarketStages stages = _stages;
        MarketEvent e = default;
        for (long n = _published, end = _published + count; n < end; n++)
        {
            stages.Fill(ref e, n);
            ChannelWriting.Write(writer, in e);
        }
    }
}
