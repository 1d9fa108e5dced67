using System.Numerics;
using System.Text;
using System.Text.Json;

namespace LowLatency.Ticks.Import.Internal;

/// <summary>
/// Parses one Binance capture line into a <see cref="MarketEvent"/> with <see cref="Utf8JsonReader"/> over the line's
/// bytes, prices through <see cref="FixedPoint.TryParse(ReadOnlySpan{byte}, out FixedPoint)"/>: nothing is allocated
/// per line. A bad line is recorded (column, reason, offending span) rather than thrown, so skipping bad rows stays
/// cheap and the caller decides.
/// </summary>
internal sealed class BinanceMessageParser
{
    // Error reasons: constants, so recording a bad row allocates nothing until it is thrown.
    private const string NotJsonReason = "is not valid JSON";
    private const string BadTimestampReason = "does not start with a local receive timestamp in nanoseconds and a space";
    private const string NotDecimalReason = "is not a decimal number";
    private const string MissingReason = "is missing";

    // Longest symbol the last-symbol cache holds; longer ones are looked up every time.
    private const int SymbolCacheLength = 64;

    private readonly SymbolTable _symbols;

    // Captures are mostly one symbol: comparing bytes with the previous one skips the UTF-8 to UTF-16 lookup.
    private readonly byte[] _lastSymbol = new byte[SymbolCacheLength];
    private int _lastSymbolLength = -1;
    private SymbolId _lastSymbolId;

    // The offending span of the last bad line, as offsets into it (start -1: no offending text).
    private int _errorStart;
    private int _errorLength;

    public BinanceMessageParser(SymbolTable symbols) => _symbols = symbols;

    /// <summary>The JSON field of the last bad line, or null when the line as a whole is at fault.</summary>
    public string? ErrorColumn { get; private set; }

    /// <summary>Why the last bad line was rejected.</summary>
    public string ErrorReason { get; private set; } = "";

    /// <summary>The offending text of the last bad line (allocates: the error path only).</summary>
    public string? OffendingText(ReadOnlySpan<byte> line) => _errorStart < 0
        ? null
        : Encoding.UTF8.GetString(line.Slice(_errorStart, Math.Min(_errorLength, line.Length - _errorStart)));

    /// <summary>
    /// Parses one <c>&lt;local ns&gt; &lt;JSON&gt;</c> line: a trade or bookTicker fills <paramref name="e"/>
    /// (<see cref="RowResult.Tick"/>), any other well-formed message is <see cref="RowResult.Ignored"/>, and a bad one
    /// records <see cref="ErrorColumn"/>, <see cref="ErrorReason"/> and the offending span (<see cref="RowResult.Error"/>).
    /// </summary>
    public RowResult Parse(ReadOnlySpan<byte> line, ref MarketEvent e)
    {
        int space = line.IndexOf((byte)' ');
        if (space <= 0 || !TryParseNanoseconds(line[..space], out long timestampNs))
        {
            return Fail(null, 0, line.Length, BadTimestampReason);
        }

        try
        {
            return ParseMessage(line, space + 1, timestampNs, ref e);
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports malformed JSON only by throwing; this is the bad-row path, never the steady state.
            return Fail(null, 0, line.Length, NotJsonReason);
        }
    }

    private RowResult ParseMessage(ReadOnlySpan<byte> line, int jsonStart, long timestampNs, ref MarketEvent e)
    {
        ReadOnlySpan<byte> json = line[jsonStart..];
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail(null, 0, line.Length, NotJsonReason);
        }

        BinanceStream kind = BinanceStream.None;
        RowResult result = RowResult.Ignored;
        bool dataParsed = false;
        int dataStart = -1;
        int dataEnd = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return FailAtToken(ref reader, jsonStart, "stream", "is not a string");
                }

                kind = Classify(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (kind is BinanceStream.Trade or BinanceStream.BookTicker)
                {
                    result = ParseData(ref reader, kind, jsonStart, timestampNs, ref e);
                    if (result == RowResult.Error)
                    {
                        return result;
                    }

                    dataParsed = true;
                }
                else
                {
                    // "stream" may come later: remember where the data is and parse it then.
                    dataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataEnd = (int)reader.BytesConsumed;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        reader.Read(); // throws on anything but whitespace after the envelope: the line is one JSON value
        if (kind is BinanceStream.None or BinanceStream.Other || dataParsed)
        {
            return result;
        }

        if (dataStart < 0)
        {
            return Fail("data", -1, 0, MissingReason);
        }

        var dataReader = new Utf8JsonReader(json[dataStart..dataEnd]);
        dataReader.Read();
        return ParseData(ref dataReader, kind, jsonStart + dataStart, timestampNs, ref e);
    }

    /// <summary>Parses the <c>data</c> object the reader is on into <paramref name="e"/>.</summary>
    private RowResult ParseData(ref Utf8JsonReader reader, BinanceStream kind, int offset, long timestampNs, ref MarketEvent e)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return FailAtToken(ref reader, offset, "data", "is not a JSON object");
        }

        // Trade: p q; quote: b B a A. Slots in that order, one bit each in 'found'.
        Span<FixedPoint> values = stackalloc FixedPoint[4];
        int found = 0;
        int required = kind == BinanceStream.Trade ? 0b11 : 0b1111;
        ReadOnlySpan<byte> symbol = default;
        bool hasSymbol = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            if (name.Length != 1 || reader.ValueIsEscaped)
            {
                reader.Skip();
                continue;
            }

            byte key = name[0];
            reader.Read();
            if (key == (byte)'s')
            {
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.IsEmpty)
                {
                    return FailAtToken(ref reader, offset, "s", "is not a symbol");
                }

                symbol = reader.ValueSpan;
                hasSymbol = true;
                continue;
            }

            int slot = Slot(kind, key);
            if (slot < 0)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number)
                || reader.ValueIsEscaped
                || !FixedPoint.TryParse(reader.ValueSpan, out values[slot]))
            {
                return FailAtToken(ref reader, offset, FieldName(kind, slot), NotDecimalReason);
            }

            found |= 1 << slot;
        }

        if (!hasSymbol)
        {
            return Fail("s", -1, 0, MissingReason);
        }

        if (found != required)
        {
            int missing = BitOperations.TrailingZeroCount(~found & required);
            return Fail(FieldName(kind, missing), -1, 0, MissingReason);
        }

        SymbolId id = ResolveSymbol(symbol);
        e = kind == BinanceStream.Trade
            ? MarketEvent.Trade(id, values[0], values[1], timestampNs)
            : MarketEvent.Quote(id, values[0], values[1], values[2], values[3], timestampNs);
        return RowResult.Tick;
    }

    private SymbolId ResolveSymbol(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == _lastSymbolLength && utf8.SequenceEqual(_lastSymbol.AsSpan(0, _lastSymbolLength)))
        {
            return _lastSymbolId;
        }

        if (!_symbols.TryGetId(utf8, out SymbolId id))
        {
            id = _symbols.GetOrAdd(Encoding.UTF8.GetString(utf8)); // first sight of this symbol only
        }

        if (utf8.Length <= _lastSymbol.Length)
        {
            utf8.CopyTo(_lastSymbol);
            _lastSymbolLength = utf8.Length;
            _lastSymbolId = id;
        }

        return id;
    }

    private static BinanceStream Classify(ReadOnlySpan<byte> stream)
    {
        int at = stream.IndexOf((byte)'@');
        ReadOnlySpan<byte> type = at >= 0 ? stream[(at + 1)..] : stream;
        return type.SequenceEqual("trade"u8) ? BinanceStream.Trade
            : type.SequenceEqual("bookTicker"u8) ? BinanceStream.BookTicker
            : BinanceStream.Other;
    }

    private static int Slot(BinanceStream kind, byte key) => kind == BinanceStream.Trade
        ? key switch { (byte)'p' => 0, (byte)'q' => 1, _ => -1 }
        : key switch { (byte)'b' => 0, (byte)'B' => 1, (byte)'a' => 2, (byte)'A' => 3, _ => -1 };

    private static string FieldName(BinanceStream kind, int slot) => kind == BinanceStream.Trade
        ? slot == 0 ? "p" : "q"
        : slot switch { 0 => "b", 1 => "B", 2 => "a", _ => "A" };

    private static bool TryParseNanoseconds(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.Length > 19)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return value >= 0; // 19 digits can pass long.MaxValue and wrap
    }

    private RowResult FailAtToken(ref Utf8JsonReader reader, int offset, string column, string reason)
    {
        int start = offset + (int)reader.TokenStartIndex + (reader.TokenType == JsonTokenType.String ? 1 : 0);
        return Fail(column, start, Math.Max(reader.ValueSpan.Length, 1), reason);
    }

    /// <summary>A short constant label for <see cref="ErrorReason"/>, to count skipped messages by reason.</summary>
    public string ErrorLabel => ErrorReason switch
    {
        NotJsonReason => "not JSON",
        BadTimestampReason => "bad local timestamp",
        NotDecimalReason => "bad price or quantity",
        MissingReason => "missing field",
        _ => "bad message",
    };

    private RowResult Fail(string? column, int start, int length, string reason)
    {
        ErrorColumn = column;
        _errorStart = start;
        _errorLength = length;
        ErrorReason = reason;
        return RowResult.Error;
    }
}
