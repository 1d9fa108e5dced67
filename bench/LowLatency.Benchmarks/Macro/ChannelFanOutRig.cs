using System.Threading.Channels;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The Channels equivalent of <see cref="RingFanOutRig"/>, every channel bounded to the same capacity (SingleReader,
/// SingleWriter), every stage a <see cref="ChecksumHandler"/> on its own copy of the event:
/// <list type="bullet">
/// <item><see cref="FanOutShape.Multicast"/>: the producer writes each event to three channels, one per stage.</item>
/// <item><see cref="FanOutShape.Diamond"/>: the producer writes each event to two channels; each of the two parallel
/// stages forwards its copy into a channel of its own, and a <see cref="ChannelJoinStage{THandler}"/> reads both.</item>
/// </list>
/// Stages are async (the baseline) or spinning dedicated threads, as in <see cref="ChannelStage{THandler}"/>.
/// </summary>
internal sealed class ChannelFanOutRig : IMacroRig
{
    private readonly ChannelWriter<MarketEvent>[] _inputs;
    private readonly ChannelStage<ChecksumHandler>[] _stages;
    private readonly ChannelJoinStage<ChecksumHandler>? _join;
    private readonly Sequence[] _lastStage;
    private readonly EventSource _source = new();
    private readonly string _name;
    private long _published;

    public ChannelFanOutRig(FanOutShape shape, bool spinningStages = false)
    {
        _name = $"Channel {shape}{(spinningStages ? " spinning" : " async")}";
        int parallel = shape == FanOutShape.Multicast ? 3 : 2;
        _inputs = new ChannelWriter<MarketEvent>[parallel];
        _stages = new ChannelStage<ChecksumHandler>[parallel];
        var outputs = new ChannelReader<MarketEvent>[parallel];
        for (int i = 0; i < parallel; i++)
        {
            Channel<MarketEvent> input = CreateChannel();
            Channel<MarketEvent>? output = shape == FanOutShape.Diamond ? CreateChannel() : null;
            _inputs[i] = input.Writer;
            outputs[i] = output?.Reader!;
            _stages[i] = new($"channel-stage-{i}", input.Reader, output?.Writer, new ChecksumHandler(), spinningStages);
        }

        if (shape == FanOutShape.Diamond)
        {
            _join = new("channel-join", outputs[0], outputs[1], new ChecksumHandler(), spinningStages);
            _lastStage = [_join.Sequence];
        }
        else
        {
            _lastStage = [.. _stages.Select(s => s.Sequence)];
        }
    }

    public void Run(int eventCount)
    {
        Publish(eventCount);
        _published += eventCount;
        var spin = new BoundedSpin();
        while (Sequence.Minimum(_lastStage, long.MaxValue) < _published - 1)
        {
            foreach (ChannelStage<ChecksumHandler> stage in _stages)
            {
                stage.ThrowIfFaulted();
            }

            _join?.ThrowIfFaulted();
            spin.SpinOnce("the last stage to catch up");
        }
    }

    public void StopAndVerify()
    {
        foreach (ChannelWriter<MarketEvent> input in _inputs)
        {
            input.Complete(); // each stage completes its output once it has drained its input
        }

        foreach (ChannelStage<ChecksumHandler> stage in _stages)
        {
            stage.WaitForCompletion();
            stage.Handler.Verify(_name, _published, _source);
        }

        if (_join is not null)
        {
            _join.WaitForCompletion();
            _join.Handler.Verify(_name, _published, _source);
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

    private void Publish(int count)
    {
        ChannelWriter<MarketEvent>[] inputs = _inputs;
        EventSource source = _source;
        for (long n = _published, end = _published + count; n < end; n++)
        {
            ref readonly MarketEvent e = ref source[n];
            foreach (ChannelWriter<MarketEvent> input in inputs)
            {
                ChannelWriting.Write(input, in e);
            }
        }
    }
}
