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
    private protected void BeginRow(SymbolId symbol, byte reason)
    {
        int names = SymbolName(symbol).Length + ReasonName(reason).Length;
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
        value.TryFormat(_buffer.AsSpan(_row), out int written, "0.############################", CultureInfo.InvariantCulture);
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

    // Names are encoded once, the first time they are written.
    private byte[] SymbolName(SymbolId id) => _symbolNames[id.Value] ??= Encoding.UTF8.GetBytes(_symbols.GetName(id));

    private byte[] ReasonName(byte reason) => _reasonNames[reason] ??= Encoding.UTF8.GetBytes(_reasons[reason]);
}
