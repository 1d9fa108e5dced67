using System.Threading.Channels;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// A Channels rival's consumer: reads a <see cref="ChannelReader{T}"/>, hands each event by <c>ref</c> to the same
/// handler struct ours runs, optionally forwards it to the next stage's channel, and publishes its progress in a
/// padded <see cref="Engine.Sequence"/> per event (as our processors do per batch). Completes the next channel when
/// its own completes, so completing the first channel stops a whole chain.
/// </summary>
/// <remarks>
/// Two ways to wait for data; every suite measures both, the async one is the baseline:
/// <list type="bullet">
/// <item>async: <c>await WaitToReadAsync()</c>, then drain with <c>TryRead</c>; a full next channel is awaited with
/// <c>WriteAsync</c>. The idiomatic use: an idle consumer costs nothing, and while it wakes up the producer fills the
/// channel uncontended, so it then drains in bursts. Each wake-up is a thread-pool continuation, which costs most in
/// the three-stage chain (a hop per stage).</item>
/// <item>spinning: a dedicated thread polls <c>TryRead</c>, spinning then yielding while empty (our Yielding
/// strategy's wait). Every TryRead/TryWrite of a bounded channel takes its lock, so a consumer polling as fast as the
/// producer writes contends with it on every event.</item>
/// </list>
/// </remarks>
internal sealed class ChannelStage<THandler>
    where THandler : struct, IEventHandler<MarketEvent>
{
    private readonly string _name;
    private readonly ChannelReader<MarketEvent> _reader;
    private readonly ChannelWriter<MarketEvent>? _next;
    private readonly Sequence _sequence = new();
    private readonly ChannelConsumerTask _consumer;
    private THandler _handler; // not readonly: the handler may mutate itself

    public ChannelStage(string name, ChannelReader<MarketEvent> reader, ChannelWriter<MarketEvent>? next, THandler handler,
        bool spinning = false)
    {
        _name = name;
        _reader = reader;
        _next = next;
        _handler = handler;
        _consumer = new ChannelConsumerTask($"channel stage '{name}'", spinning, ConsumeAsync, ConsumeSpinning);
    }

    /// <summary>The last event handled (and forwarded), -1 before the first.</summary>
    public Sequence Sequence => _sequence;

    /// <summary>The handler's state; read it after <see cref="WaitForCompletion"/>.</summary>
    public ref THandler Handler => ref _handler;

    /// <summary>Throws what the stage failed with, if it did.</summary>
    public void ThrowIfFaulted() => _consumer.ThrowIfFaulted();

    /// <summary>Waits (bounded) until the stage has drained its completed channel and stopped.</summary>
    public void WaitForCompletion() => _consumer.WaitForCompletion();

    private async Task ConsumeAsync()
    {
        ChannelReader<MarketEvent> reader = _reader;
        ChannelWriter<MarketEvent>? next = _next;
        long sequence = -1;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out MarketEvent e))
                {
                    sequence++;
                    _handler.OnEvent(ref e, sequence, endOfBatch: false);
                    if (next is not null && !next.TryWrite(e))
                    {
                        await next.WriteAsync(e).ConfigureAwait(false);
                    }

                    _sequence.SetRelease(sequence); // release: the handler's writes are visible to whoever reads this
                }
            }
        }
        finally
        {
            next?.TryComplete();
        }
    }

    private void ConsumeSpinning()
    {
        ChannelReader<MarketEvent> reader = _reader;
        ChannelWriter<MarketEvent>? next = _next;
        long sequence = -1;
        var idle = new SpinWait();
        try
        {
            while (true)
            {
                if (reader.TryRead(out MarketEvent e))
                {
                    idle.Reset();
                    sequence++;
                    _handler.OnEvent(ref e, sequence, endOfBatch: false);
                    if (next is not null)
                    {
                        ChannelWriting.Write(next, in e);
                    }

                    _sequence.SetRelease(sequence); // release: the handler's writes are visible to whoever reads this
                }
                else if (reader.Completion.IsCompleted)
                {
                    return;
                }
                else
                {
                    idle.SpinOnce(sleep1Threshold: -1);
                }
            }
        }
        finally
        {
            next?.TryComplete();
        }
    }
}
