using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using LowLatency.Market;

namespace LowLatency.Kafka;

/// <summary>
/// The wire format of a tick on a Kafka topic: key = symbol (UTF-8), value = version byte + the input part of a
/// <see cref="MarketEvent"/>, little-endian. Version 2 (written) ends with the event's flags; version 1 (read too) has
/// none, so its ticks decode with no flags. JSON values (<c>{"symbol":..,"price":..,"size":..,"timestamp":..}</c>) are
/// decoded too, for producers outside this code base; their numeric timestamps are read in a <see cref="JsonTimestampUnit"/>.
/// </summary>
public static class TickCodec
{
    public const byte Version = 2;

    /// <summary>Bytes of an encoded value: version, kind, timestamp, four fixed-point fields, flags.</summary>
    public const int EncodedSize = 1 + 1 + 8 + (4 * 8) + 1;

    // Version 1: the same without the flags byte.
    private const int Version1Size = EncodedSize - 1;

    // Throws on invalid UTF-8 instead of interning a name full of replacement characters.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes the value of <paramref name="e"/>; false when <paramref name="destination"/> is too small.</summary>
    public static bool TryEncode(in MarketEvent e, Span<byte> destination)
    {
        if (destination.Length < EncodedSize)
        {
            return false;
        }

        destination[0] = Version;
        destination[1] = (byte)e.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(destination[2..], e.TimestampNs);
        BinaryPrimitives.WriteInt64LittleEndian(destination[10..], e.Price.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(destination[18..], e.Size.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(destination[26..], e.AskPrice.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(destination[34..], e.AskSize.Raw);
        destination[42] = (byte)e.Flags;
        return true;
    }

    /// <summary>First plausible tick time: 2000-01-01T00:00:00Z in Unix ns.</summary>
    public const long EarliestTimestampNs = 946_684_800_000_000_000;

    /// <summary>End of the plausible tick times (exclusive): 2100-01-01T00:00:00Z in Unix ns.</summary>
    public const long LatestTimestampNs = 4_102_444_800_000_000_000;

    /// <summary>
    /// Overwrites <paramref name="e"/> (stage fields cleared, ingest stamp zero) from a binary or JSON message with
    /// numeric JSON timestamps in nanoseconds. False for anything <see cref="Decode"/> does not call <see cref="TickDecodeResult.Ok"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SymbolTable symbols, ref MarketEvent e) =>
        Decode(key, value, symbols, JsonTimestampUnit.Nanoseconds, ref e) == TickDecodeResult.Ok;

    /// <summary>
    /// Overwrites <paramref name="e"/> (stage fields cleared, ingest stamp zero) from a binary or JSON message, or says
    /// why it is not a tick. A JSON tick needs a timestamp: a number in <paramref name="jsonTimestampUnit"/> or an ISO-8601
    /// string, within 2000..2100. A new symbol is interned (allocating once per name) only once the rest of the message
    /// is valid, so bad messages never use up symbol capacity; known symbols cost nothing.
    /// </summary>
    public static TickDecodeResult Decode(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SymbolTable symbols,
        JsonTimestampUnit jsonTimestampUnit, ref MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (value.IsEmpty)
        {
            return TickDecodeResult.Undecodable;
        }

        return value[0] == (byte)'{'
            ? DecodeJson(key, value, symbols, jsonTimestampUnit, ref e)
            : DecodeBinary(key, value, symbols, ref e);
    }

    private static TickDecodeResult DecodeBinary(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SymbolTable symbols, ref MarketEvent e)
    {
        bool known = (value[0] == Version && value.Length == EncodedSize) || (value[0] == 1 && value.Length == Version1Size);
        if (!known || value[1] > (byte)MarketEventKind.Quote)
        {
            return TickDecodeResult.Undecodable;
        }

        TickDecodeResult symbolResult = GetSymbol(key, symbols, out SymbolId symbol);
        if (symbolResult != TickDecodeResult.Ok)
        {
            return symbolResult;
        }

        e = default;
        e.Kind = (MarketEventKind)value[1];
        e.TimestampNs = BinaryPrimitives.ReadInt64LittleEndian(value[2..]);
        e.Price = FixedPoint.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(value[10..]));
        e.Size = FixedPoint.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(value[18..]));
        e.AskPrice = FixedPoint.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(value[26..]));
        e.AskSize = FixedPoint.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(value[34..]));
        e.Symbol = symbol;
        e.Flags = value.Length == EncodedSize ? (MarketEventFlags)value[42] : MarketEventFlags.None;
        return TickDecodeResult.Ok;
    }

    private static TickDecodeResult DecodeJson(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SymbolTable symbols,
        JsonTimestampUnit unit, ref MarketEvent e)
    {
        try
        {
            var reader = new Utf8JsonReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TickDecodeResult.Undecodable;
            }

            ReadOnlySpan<byte> symbolName = key; // the message key unless the value names the symbol
            bool hasPrice = false, hasSize = false, hasTimestamp = false;
            FixedPoint price = default, size = default;
            long timestampNs = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("symbol"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.IsEmpty)
                    {
                        return TickDecodeResult.Undecodable;
                    }

                    symbolName = reader.ValueSpan; // a slice of value: interned at the end, once all else is valid
                }
                else if (reader.ValueTextEquals("price"u8))
                {
                    hasPrice = reader.Read() && TryReadFixedPoint(ref reader, out price);
                    if (!hasPrice)
                    {
                        return TickDecodeResult.Undecodable;
                    }
                }
                else if (reader.ValueTextEquals("size"u8))
                {
                    hasSize = reader.Read() && TryReadFixedPoint(ref reader, out size);
                    if (!hasSize)
                    {
                        return TickDecodeResult.Undecodable;
                    }
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    if (!reader.Read())
                    {
                        return TickDecodeResult.Undecodable;
                    }

                    if (reader.TokenType != JsonTokenType.Null)
                    {
                        TickDecodeResult read = ReadTimestamp(ref reader, unit, out timestampNs);
                        if (read != TickDecodeResult.Ok)
                        {
                            return read;
                        }

                        hasTimestamp = true;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || !hasPrice || !hasSize)
            {
                return TickDecodeResult.Undecodable;
            }

            if (!hasTimestamp)
            {
                return TickDecodeResult.MissingTimestamp;
            }

            TickDecodeResult symbolResult = GetSymbol(symbolName, symbols, out SymbolId symbol);
            if (symbolResult == TickDecodeResult.Ok)
            {
                e = MarketEvent.Trade(symbol, price, size, timestampNs);
            }

            return symbolResult;
        }
        catch (JsonException)
        {
            // Malformed JSON is a bad message, counted by the caller; this is the cold path.
            return TickDecodeResult.Undecodable;
        }
    }

    private static bool TryReadFixedPoint(ref Utf8JsonReader reader, out FixedPoint value)
    {
        value = default;
        return (reader.TokenType is JsonTokenType.Number or JsonTokenType.String) && !reader.ValueIsEscaped &&
            FixedPoint.TryParse(reader.ValueSpan, out value);
    }

    /// <summary>A number in <paramref name="unit"/> (fractions allowed above ns, e.g. Python's seconds) or an ISO-8601
    /// string, converted to Unix ns and checked against 2000..2100.</summary>
    private static TickDecodeResult ReadTimestamp(ref Utf8JsonReader reader, JsonTimestampUnit unit, out long timestampNs)
    {
        timestampNs = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            long nsPerUnit = unit switch
            {
                JsonTimestampUnit.Seconds => 1_000_000_000,
                JsonTimestampUnit.Milliseconds => 1_000_000,
                JsonTimestampUnit.Microseconds => 1_000,
                _ => 1,
            };
            if (reader.TryGetInt64(out long whole))
            {
                // Range-checked in the unit first, so the multiplication cannot overflow.
                if (whole < EarliestTimestampNs / nsPerUnit || whole >= LatestTimestampNs / nsPerUnit)
                {
                    return TickDecodeResult.TimestampOutOfRange;
                }

                timestampNs = whole * nsPerUnit;
                return TickDecodeResult.Ok;
            }

            if (nsPerUnit == 1 || !reader.TryGetDecimal(out decimal fractional))
            {
                return TickDecodeResult.Undecodable; // fractional nanoseconds, or beyond decimal's range
            }

            if (fractional < EarliestTimestampNs / nsPerUnit || fractional >= LatestTimestampNs / nsPerUnit)
            {
                return TickDecodeResult.TimestampOutOfRange;
            }

            timestampNs = (long)decimal.Round(fractional * nsPerUnit, MidpointRounding.ToEven);
            return TickDecodeResult.Ok;
        }

        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out DateTimeOffset time))
        {
            timestampNs = (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
            return timestampNs is >= EarliestTimestampNs and < LatestTimestampNs
                ? TickDecodeResult.Ok
                : TickDecodeResult.TimestampOutOfRange;
        }

        return TickDecodeResult.Undecodable;
    }

    private static TickDecodeResult GetSymbol(ReadOnlySpan<byte> utf8, SymbolTable symbols, out SymbolId symbol)
    {
        symbol = default;
        if (utf8.IsEmpty)
        {
            return TickDecodeResult.Undecodable;
        }

        if (symbols.TryGetId(utf8, out symbol))
        {
            return TickDecodeResult.Ok;
        }

        // A new name: intern it once (allocates). Invalid UTF-8 makes the message bad; a full table is no fault of it.
        string name;
        try
        {
            name = s_strictUtf8.GetString(utf8);
        }
        catch (ArgumentException)
        {
            return TickDecodeResult.Undecodable;
        }

        return symbols.TryGetOrAdd(name, out symbol) ? TickDecodeResult.Ok : TickDecodeResult.SymbolTableFull;
    }
}
