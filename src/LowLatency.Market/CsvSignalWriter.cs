using System.Text;

namespace LowLatency.Market;

/// <summary>
/// Writes every signal as a CSV row (<c>sequence,timestamp_ns,symbol,side,quantity,price,reason</c>) through a reused
/// UTF-8 buffer: no allocation per signal, and byte-identical output for the same input.
/// </summary>
public sealed class CsvSignalWriter : ISignalSink, IDisposable
{
    public const string Header = "sequence,timestamp_ns,symbol,side,quantity,price,reason";

    // Room for every field of a row but the symbol name (two longs, two FixedPoints, side, reason, separators).
    private const int RowMax = 160;

    private readonly Stream _stream;
    private readonly SymbolTable _symbols;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly byte[][] _symbolNames;
    private int _length;

    public CsvSignalWriter(Stream stream, SymbolTable symbols)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(symbols);
        _stream = stream;
        _symbols = symbols;
        _symbolNames = new byte[symbols.Capacity][];
        Append(Encoding.UTF8.GetBytes(Header + "\n"));
    }

    public long Rows { get; private set; }

    public void OnSignal(in Signal signal)
    {
        ReadOnlySpan<byte> name = SymbolName(signal.Symbol);
        if (_buffer.Length - _length < RowMax + name.Length)
        {
            Flush();
        }

        Span<byte> row = _buffer.AsSpan(_length);
        int n = 0;
        n += Format(row[n..], signal.Sequence);
        row[n++] = (byte)',';
        n += Format(row[n..], signal.TimestampNs);
        row[n++] = (byte)',';
        name.CopyTo(row[n..]);
        n += name.Length;
        row[n++] = (byte)',';
        ReadOnlySpan<byte> side = signal.Side == SignalSide.Buy ? "buy"u8 : "sell"u8;
        side.CopyTo(row[n..]);
        n += side.Length;
        row[n++] = (byte)',';
        signal.Quantity.TryFormat(row[n..], out int written);
        n += written;
        row[n++] = (byte)',';
        signal.Price.TryFormat(row[n..], out written);
        n += written;
        row[n++] = (byte)',';
        ReadOnlySpan<byte> reason = ReasonName(signal.Reason);
        reason.CopyTo(row[n..]);
        n += reason.Length;
        row[n++] = (byte)'\n';
        _length += n;
        Rows++;
    }

    public void Flush()
    {
        _stream.Write(_buffer, 0, _length);
        _length = 0;
        _stream.Flush();
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }

    private static int Format(Span<byte> destination, long value)
    {
        value.TryFormat(destination, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    // Names are encoded once per symbol, the first time it signals.
    private ReadOnlySpan<byte> SymbolName(SymbolId id) =>
        _symbolNames[id.Value] ??= Encoding.UTF8.GetBytes(_symbols.GetName(id));

    private static ReadOnlySpan<byte> ReasonName(SignalReason reason) => reason switch
    {
        SignalReason.PriceBelowThreshold => "price_below_threshold"u8,
        SignalReason.PriceAboveThreshold => "price_above_threshold"u8,
        SignalReason.BelowRollingVwap => "below_rolling_vwap"u8,
        SignalReason.AboveRollingVwap => "above_rolling_vwap"u8,
        _ => "unknown"u8,
    };

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }
}
