using System.Threading.Channels;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The baseline: a bounded <see cref="Channel{T}"/> (FullMode Wait, SingleReader, SingleWriter when there is one
/// producer) of the same 64-byte event, consumed by a <see cref="ChannelStage{THandler}"/> running the same
/// <see cref="ChecksumHandler"/>, async by default or on a spinning dedicated thread. Producers write with the
/// synchronous <c>TryWrite</c> and spin-then-yield while the channel is full (<see cref="ChannelWriting"/>).
/// </summary>
internal sealed class ChannelRig : IMacroRig
{
    private readonly Channel<MarketEvent> _channel;
    private readonly ChannelStage<ChecksumHandler> _consumer;
    private readonly ProducerGang? _gang;
    private readonly EventSource _source = new();
    private readonly string _name;
    private long _published;

    public ChannelRig(int producerCount = 1, bool spinningConsumer = false)
    {
        _name = $"Channel x{producerCount}{(spinningConsumer ? " spinning" : " async")}";
        _channel = Channel.CreateBounded<MarketEvent>(new BoundedChannelOptions(MacroSizes.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = producerCount == 1,
            AllowSynchronousContinuations = false,
        });
        _consumer = new ChannelStage<ChecksumHandler>(
            "channel-consumer", _channel.Reader, next: null, new ChecksumHandler(), spinningConsumer);
        if (producerCount > 1)
        {
            _gang = new ProducerGang(producerCount, Produce);
        }
    }

    public void Run(int eventCount)
    {
        if (_gang is not null)
        {
            _gang.Run(_published, eventCount);
        }
        else
        {
            Produce(_published, eventCount);
        }

        _published += eventCount;
        var spin = new BoundedSpin();
        while (_consumer.Sequence.Value < _published - 1)
        {
            _consumer.ThrowIfFaulted();
            spin.SpinOnce("the channel's consumer to catch up");
        }
    }

    public void StopAndVerify()
    {
        _gang?.Stop();
        _channel.Writer.Complete();
        _consumer.WaitForCompletion();
        _consumer.Handler.Verify(_name, _published, _source);
    }

    private void Produce(long first, int count)
    {
        ChannelWriter<MarketEvent> writer = _channel.Writer;
        EventSource source = _source;
        for (long n = first, end = first + count; n < end; n++)
        {
            ChannelWriting.Write(writer, in source[n]);
        }
    }
}
