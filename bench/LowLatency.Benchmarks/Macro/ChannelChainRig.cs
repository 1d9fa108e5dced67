using System.Threading.Channels;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The Channels equivalent of the three-stage chain: producer → channel → stage 1 → channel → stage 2 → channel →
/// stage 3, each channel bounded to our ring's size (SingleReader, SingleWriter) and each stage a
/// <see cref="ChannelStage{THandler}"/> (async by default, or a spinning dedicated thread) running the same
/// <see cref="ChainStageHandler"/> on its own copy of the event, then forwarding the copy with its value in it.
/// </summary>
internal sealed class ChannelChainRig : IMacroRig
{
    private readonly EventSource _source = new();
    private readonly Channel<MarketEvent> _toStage1 = CreateChannel();
    private readonly ChannelStage<ChainStageHandler>[] _stages;
    private readonly string _name;
    private long _published;

    public ChannelChainRig(bool spinningStages = false)
    {
        _name = spinningStages ? "Channel chain spinning" : "Channel chain async";
        Channel<MarketEvent> toStage2 = CreateChannel();
        Channel<MarketEvent> toStage3 = CreateChannel();
        _stages =
        [
            new("channel-stage-1", _toStage1.Reader, toStage2.Writer, new ChainStageHandler(1), spinningStages),
            new("channel-stage-2", toStage2.Reader, toStage3.Writer, new ChainStageHandler(2), spinningStages),
            new("channel-stage-3", toStage3.Reader, next: null, new ChainStageHandler(3), spinningStages),
        ];
    }

    public void Run(int eventCount)
    {
        ChannelWriter<MarketEvent> writer = _toStage1.Writer;
        EventSource source = _source;
        for (long n = _published, end = _published + eventCount; n < end; n++)
        {
            ChannelWriting.Write(writer, in source[n]);
        }

        _published += eventCount;
        var spin = new BoundedSpin();
        while (_stages[^1].Sequence.Value < _published - 1)
        {
            foreach (ChannelStage<ChainStageHandler> stage in _stages)
            {
                stage.ThrowIfFaulted();
            }

            spin.SpinOnce("stage 3 to catch up");
        }
    }

    public void StopAndVerify()
    {
        _toStage1.Writer.Complete(); // each stage completes the next channel once it has drained its own
        foreach (ChannelStage<ChainStageHandler> stage in _stages)
        {
            stage.WaitForCompletion();
        }

        foreach (ChannelStage<ChainStageHandler> stage in _stages)
        {
            stage.Handler.Verify(_name, _published, _source);
        }
    }

    private static Channel<MarketEvent> CreateChannel() =>
        Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(MacroSizes.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = false,
        });
}
