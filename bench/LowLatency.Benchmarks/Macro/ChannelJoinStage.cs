using System.Threading.Channels;
using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// The joining stage of the Channels diamond: takes event n from each of two channels (the outputs of the two
/// parallel stages), checks they are copies of the same event, and hands one to its handler, so it sees an event only
/// after both parallel stages finished it, as <c>Then(c)</c> does in the ring. Async (the baseline) or a spinning
/// dedicated thread, like <see cref="ChannelStage{THandler}"/>; stops when the left channel completes.
/// </summary>
internal sealed class ChannelJoinStage<THandler>
    where THandler : struct, IEventHandler<MarketEvent>
{
    private readonly string _name;
    private readonly ChannelReader<MarketEvent> _left;
    private readonly ChannelReader<MarketEvent> _right;
    private readonly Sequence _sequence = new();
    private readonly ChannelConsumerTask _consumer;
    private THandler _handler; // not readonly: the handler may mutate itself

    public ChannelJoinStage(string name, ChannelReader<MarketEvent> left, ChannelReader<MarketEvent> right, THandler handler,
        bool spinning = false)
    {
        _name = name;
        _left = left;
        _right = right;
        _handler = handler;
        _consumer = new ChannelConsumerTask($"channel join stage '{name}'", spinning, ConsumeAsync, ConsumeSpinning);
    }

    /// <summary>The last event joined and handled, -1 before the first.</summary>
    public Sequence Sequence => _sequence;

    /// <summary>The handler's state; read it after <see cref="WaitForCompletion"/>.</summary>
    public ref THandler Handler => ref _handler;

    /// <summary>Throws what the stage failed with, if it did.</summary>
    public void ThrowIfFaulted() => _consumer.ThrowIfFaulted();

    /// <summary>Waits (bounded) until the stage has drained its completed channel and stopped.</summary>
    public void WaitForCompletion() => _consumer.WaitForCompletion();

    private async Task ConsumeAsync()
    {
        ChannelReader<MarketEvent> left = _left;
        ChannelReader<MarketEvent> right = _right;
        long sequence = -1;
        while (true)
        {
            if (!left.TryRead(out MarketEvent e))
            {
                if (!await left.WaitToReadAsync().ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            MarketEvent other;
            while (!right.TryRead(out other))
            {
                if (!await right.WaitToReadAsync().ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"{_name}: the right input completed before the left one.");
                }
            }

            Join(ref e, in other, ++sequence);
        }
    }

    private void ConsumeSpinning()
    {
        ChannelReader<MarketEvent> left = _left;
        ChannelReader<MarketEvent> right = _right;
        long sequence = -1;
        var idle = new SpinWait();
        while (true)
        {
            if (left.TryRead(out MarketEvent e))
            {
                idle.Reset();
                MarketEvent other;
                var wait = new SpinWait();
                while (!right.TryRead(out other))
                {
                    if (right.Completion.IsCompleted)
                    {
                        throw new InvalidOperationException($"{_name}: the right input completed before the left one.");
                    }

                    wait.SpinOnce(sleep1Threshold: -1);
                }

                Join(ref e, in other, ++sequence);
            }
            else if (left.Completion.IsCompleted)
            {
                return;
            }
            else
            {
                idle.SpinOnce(sleep1Threshold: -1);
            }
        }
    }

    private void Join(ref MarketEvent e, in MarketEvent other, long sequence)
    {
        if (ChecksumHandler.Of(in e) != ChecksumHandler.Of(in other))
        {
            throw new InvalidOperationException($"{_name}: event {sequence} differs between the two inputs.");
        }

        _handler.OnEvent(ref e, sequence, endOfBatch: false);
        _sequence.SetRelease(sequence); // release: the handler's writes are visible to whoever reads this
    }
}
