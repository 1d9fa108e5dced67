using System.Globalization;
using System.Text;
using LowLatency.Market.Strategies;

namespace LowLatency.Market;

/// <summary>
/// What the signal and fill CSV writers share: a reused UTF-8 buffer flushed to the stream, symbol and reason names
/// encoded once, and invariant number formatting, so a row costs no allocation and the same input gives the same
/// bytes.
/// </summary>
public abstract class CsvRowWriter : IDisposable
{
    private const string DecimalFormat = "0.############################";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    // Room for every field of a row but the symbol and reason names.
    private const int RowMax = 256;

    private readonly Stream _stream;
    private readonly SymbolTable _symbols;
    private readonly StrategyReasons _reasons;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly byte[][] _symbolNames;
    private readonly byte[]?[] _reasonNames = new byte[]?[256];
    private int _length;
    private int _row;

    private protected CsvRowWriter(Stream stream, SymbolTable symbols, StrategyReasons reasons, string header)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(reasons);
        _stream = stream;
        _symbols = symbols;
        _reasons = reasons;
        _symbolNames = new byte[symbols.Capacity][];
        byte[] line = Encoding.UTF8.GetBytes(header + "\n");
        line.CopyTo(_buffer, 0);
        _length = line.Length;
        Flush(); // the header now: the stream's first write allocates, and that must not happen mid-run

        // The first decimal and date formatting of a process allocates (culture data): do it here, not mid-run.
        Span<byte> scratch = stackalloc byte[64];
        (-1.5m).TryFormat(scratch, out _, DecimalFormat, CultureInfo.InvariantCulture);
        0m.TryFormat(scratch, out _, DecimalFormat, CultureInfo.InvariantCulture);
        DateTime.UnixEpoch.TryFormat(scratch, out _, TimeFormat, CultureInfo.InvariantCulture);

        // Names known now are encoded now, so a run does not allocate on its first row for each.
        for (int i = 0; i < symbols.Count; i++)
        {
            SymbolName(new SymbolId(i));
        }

        for (int code = 0; code < _reasonNames.Length; code++)
        {
            ReasonName((byte)code);
        }
    }

    /// <summary>Data rows written (the header not counted).</summary>
    public long Rows { get; private set; }

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
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts a row: makes room for it, flushing first if needed.</summary>
    private protected void BeginRow() => BeginRow(names: 0);

    /// <summary>Starts a row naming <paramref name="symbol"/> and <paramref name="reason"/>.</summary>
    private protected void BeginRow(SymbolId symbol, byte reason) => BeginRow(SymbolName(symbol).Length + ReasonName(reason).Length);

    private void BeginRow(int names)
    {
        if (_buffer.Length - _length < RowMax + names)
        {
            Flush();
        }

        _row = _length;
    }

    private protected void EndRow()
    {
        _buffer[_row - 1] = (byte)'\n'; // replaces the separator after the last field
        _length = _row;
        Rows++;
    }

    private protected void Field(long value)
    {
        value.TryFormat(_buffer.AsSpan(_row), out int written, default, CultureInfo.InvariantCulture);
        Advance(written);
    }

    private protected void Field(FixedPoint value)
    {
        value.TryFormat(_buffer.AsSpan(_row), out int written);
        Advance(written);
    }

    /// <summary>An exact decimal in its shortest form (no trailing zeros).</summary>
    private protected void Field(decimal value)
    {
        value.TryFormat(_buffer.AsSpan(_row), out int written, DecimalFormat, CultureInfo.InvariantCulture);
        Advance(written);
    }

    /// <summary>A UTC timestamp as ISO-8601 to the 100 ns (<c>2013-10-08T13:41:36.0310000Z</c>); the exact nanoseconds
    /// go in their own column.</summary>
    private protected void TimeField(long timestampNs)
    {
        long ticks = DateTime.UnixEpoch.Ticks + (timestampNs / 100) - (timestampNs % 100 < 0 ? 1 : 0);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            Field(""u8);
            return;
        }

        new DateTime(ticks, DateTimeKind.Utc).TryFormat(_buffer.AsSpan(_row), out int written, TimeFormat, CultureInfo.InvariantCulture);
        Advance(written);
    }

    private protected void Field(ReadOnlySpan<byte> text)
    {
        text.CopyTo(_buffer.AsSpan(_row));
        Advance(text.Length);
    }

    private protected void Field(SymbolId symbol) => Field(SymbolName(symbol));

    private protected void Field(SignalSide side) => Field(side == SignalSide.Buy ? "buy"u8 : "sell"u8);

    private protected void ReasonField(byte reason) => Field(ReasonName(reason));

    private void Advance(int written)
    {
        _row += written;
        _buffer[_row++] = (byte)',';
    }

    // Names are encoded once: those known at construction then, later symbols the first time they are written.
    private byte[] SymbolName(SymbolId id) => _symbolNames[id.Value] ??= Encoding.UTF8.GetBytes(_symbols.GetName(id));

    private byte[] ReasonName(byte reason) => _reasonNames[reason] ??= Encoding.UTF8.GetBytes(_reasons[reason]);
}
