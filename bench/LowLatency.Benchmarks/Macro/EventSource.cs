using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// What every producer in every benchmark publishes: event n is a copy of pre-generated event n mod
/// <see cref="Length"/> (256 KB, stays in L2), so producing costs one 64-byte copy for ours and for every rival alike,
/// and the generator's own cost is not measured.
/// </summary>
internal sealed class EventSource
{
    public const int Length = 4096;

    private const int Mask = Length - 1;

    private readonly MarketEvent[] _events = new MarketEvent[Length];
    private readonly long _startTimestampNs;
    private readonly long _timestampStepNs;
    private readonly long _cycleChecksum;

    public EventSource(GeneratorModel model = GeneratorModel.Classic)
    {
        var options = new MarketEventGeneratorOptions { Model = model };
        Symbols = new SymbolTable();
        var generator = new MarketEventGenerator(Symbols, options);
        for (int i = 0; i < Length; i++)
        {
            generator.Next(ref _events[i]);
            _cycleChecksum = unchecked(_cycleChecksum + ChecksumHandler.Of(in _events[i]));
        }

        _startTimestampNs = options.StartTimestampNs;
        _timestampStepNs = options.TimestampStepNs;
    }

    /// <summary>The table the generator interned its symbols into; the market stages are sized by it.</summary>
    public SymbolTable Symbols { get; }

    /// <summary>Event <paramref name="n"/> (n &gt;= 0).</summary>
    public ref readonly MarketEvent this[long n]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_events), (int)(n & Mask));
    }

    /// <summary>
    /// Exchange timestamp for event <paramref name="n"/>: strictly increasing over the whole run, so the filter's
    /// order checks keep accepting events although the source repeats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long TimestampNs(long n) => _startTimestampNs + (n * _timestampStepNs);

    /// <summary>
    /// The producer loop the CLI's producer runs: claim, copy the event into the slot in place, publish, one at a time;
    /// <paramref name="count"/> events, continuing the ring's own numbering.
    /// </summary>
    public void PublishOneByOne(RingBuffer<MarketEvent> ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long sequence = ring.Next();
            ring[sequence] = this[sequence];
            ring.Publish(sequence);
        }
    }

    /// <summary>What <see cref="ChecksumHandler"/> sums over events 0 .. <paramref name="count"/>-1 (wrapping).</summary>
    public long Checksum(long count)
    {
        long sum = unchecked((count / Length) * _cycleChecksum);
        for (long n = count - (count % Length); n < count; n++)
        {
            sum = unchecked(sum + ChecksumHandler.Of(in this[n]));
        }

        return sum;
    }
}
