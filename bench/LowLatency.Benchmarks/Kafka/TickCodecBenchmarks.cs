using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using LowLatency.Kafka;
using LowLatency.Market;
using LowLatency.Market.Generation;

namespace LowLatency.Benchmarks.Kafka;

/// <summary>
/// The Kafka wire format alone, per tick, on the benchmark thread: <see cref="TickCodec.TryEncode"/> into a
/// preallocated buffer, and <see cref="TickCodec.TryDecode"/> of a 42-byte binary value, or of a JSON tick
/// (<c>{"symbol":"AAPL","price":187.42,"size":300,"timestamp":1704205800000000000}</c>, 70–80 bytes), straight into a
/// slot of a preallocated <see cref="MarketEvent"/> array standing in for the ring (what the bridge does with its
/// scratch slot). <see cref="TicksPerInvoke"/> seeded RandomWalk ticks (80 % quotes) per invocation; keys and
/// symbols are interned in setup, so decoding looks a known name up and must allocate nothing. JSON carries trades
/// only (a quote's bid price and size are written as price and size), so it decodes to trades.
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class TickCodecBenchmarks
{
    /// <summary>Ticks per invocation (42 KiB of binary values, about 80 KiB of JSON: both stay in L2).</summary>
    public const int TicksPerInvoke = 1024;

    private readonly SymbolTable _symbols = new();
    private readonly MarketEvent[] _ticks = new MarketEvent[TicksPerInvoke];
    private readonly MarketEvent[] _slots = new MarketEvent[TicksPerInvoke];
    private readonly byte[][] _keys = new byte[TicksPerInvoke][];
    private readonly byte[][] _json = new byte[TicksPerInvoke][];
    private readonly byte[] _binary = new byte[TicksPerInvoke * TickCodec.EncodedSize];
    private readonly byte[] _encoded = new byte[TicksPerInvoke * TickCodec.EncodedSize];

    [GlobalSetup]
    public void Setup()
    {
        MarketEventGenerator generator = TickTopic.NewGenerator(_symbols);
        var keys = new Dictionary<SymbolId, byte[]>();
        for (int i = 0; i < TicksPerInvoke; i++)
        {
            ref MarketEvent tick = ref _ticks[i];
            generator.Next(ref tick);
            string name = _symbols.GetName(tick.Symbol);
            if (!keys.TryGetValue(tick.Symbol, out byte[]? key))
            {
                key = Encoding.UTF8.GetBytes(name);
                keys.Add(tick.Symbol, key);
            }

            _keys[i] = key;
            TickCodec.TryEncode(tick, Value(_binary, i));
            _json[i] = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $$"""{"symbol":"{{name}}","price":{{tick.Price}},"size":{{tick.Size}},"timestamp":{{tick.TimestampNs}}}"""));
        }

        // The benchmarks below check only the return value: prove here that both formats decode to the ticks.
        for (int i = 0; i < TicksPerInvoke; i++)
        {
            var binary = default(MarketEvent);
            var json = default(MarketEvent);
            ref readonly MarketEvent tick = ref _ticks[i];
            if (!TickCodec.TryDecode(_keys[i], Value(_binary, i), _symbols, ref binary) ||
                !TickCodec.TryDecode(_keys[i], _json[i], _symbols, ref json) ||
                !binary.Equals(tick) || json.Symbol != tick.Symbol || json.Price != tick.Price ||
                json.Size != tick.Size || json.TimestampNs != tick.TimestampNs)
            {
                throw new InvalidOperationException($"Tick {i} does not round-trip through TickCodec.");
            }
        }
    }

    /// <summary>Binary encode of one tick into its 42-byte slice of a preallocated buffer.</summary>
    [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
    public int Encode()
    {
        MarketEvent[] ticks = _ticks;
        byte[] encoded = _encoded;
        int count = 0;
        for (int i = 0; i < ticks.Length; i++)
        {
            if (TickCodec.TryEncode(ticks[i], Value(encoded, i)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Binary decode (key lookup, validation, field reads) into a slot: the bridge's hot path. Must be 0 B.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TicksPerInvoke)]
    public long DecodeBinary()
    {
        MarketEvent[] slots = _slots;
        byte[] binary = _binary;
        long sum = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            ref MarketEvent slot = ref slots[i];
            if (!TickCodec.TryDecode(_keys[i], Value(binary, i), _symbols, ref slot))
            {
                ThrowUndecodable(i);
            }

            sum += slot.Price.Raw;
        }

        return sum;
    }

    /// <summary>JSON decode (Utf8JsonReader, decimal text to fixed point, symbol from the document) into a slot.</summary>
    [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
    public long DecodeJson()
    {
        MarketEvent[] slots = _slots;
        byte[][] json = _json;
        long sum = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            ref MarketEvent slot = ref slots[i];
            if (!TickCodec.TryDecode(_keys[i], json[i], _symbols, ref slot))
            {
                ThrowUndecodable(i);
            }

            sum += slot.Price.Raw;
        }

        return sum;
    }

    private static Span<byte> Value(byte[] buffer, int index) =>
        buffer.AsSpan(index * TickCodec.EncodedSize, TickCodec.EncodedSize);

    private static void ThrowUndecodable(int index) =>
        throw new InvalidOperationException($"Tick {index} did not decode.");
}
