using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using LowLatency.Market;

namespace LowLatency.Kafka;

/// <summary>
/// The wire format of a tick on a Kafka topic: key = symbol (UTF-8), value = version byte + the input part of a
/// <see cref="MarketEvent"/>, little-endian. Version 2 (written) ends with the event's flags; version 1 (read too) has
/// none, so its ticks decode with no flags. JSON values (<c>{"symbol":..,"price":..,"size":..,"timestamp":..}</c>) are
/// decoded too, for producers outside this code base.
/// </summary>
public static class TickCodec
{
    public const byte Version = 2;

    /// <summary>Bytes of an encoded value: version, kind, timestamp, four fixed-point fields, flags.</summary>
    public const int EncodedSize = 1 + 1 + 8 + (4 * 8) + 1;

    // Version 1: the same without the flags byte.
    private const int Version1Size = EncodedSize - 1;

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

    /// <summary>
    /// Overwrites <paramref name="e"/> (stage fields cleared, ingest stamp zero) from a binary or JSON message. Unknown
    /// symbols are interned (allocating once per new name); known ones cost nothing. False for anything undecodable.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SymbolTable symbols, ref MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (value.IsEmpty)
        {
            return false;
        }

        return value[0] == (byte)'{' ? TryDecodeJson(key, value, symbols, ref e) : TryDecodeBinary(key, value, symbols, ref e);
    }

    private static bool TryDecodeBinary(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SymbolTable symbols, ref MarketEvent e)
    {
        bool known = (value[0] == Version && value.Length == EncodedSize) || (value[0] == 1 && value.Length == Version1Size);
        if (!known || value[1] > (byte)MarketEventKind.Quote || !TryGetSymbol(key, symbols, out SymbolId symbol))
        {
            return false;
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
        return true;
    }

    private static bool TryDecodeJson(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, SymbolTable symbols, ref MarketEvent e)
    {
        try
        {
            var reader = new Utf8JsonReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            SymbolId symbol = default;
            bool hasSymbol = false, hasPrice = false, hasSize = false;
            FixedPoint price = default, size = default;
            long timestampNs = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("symbol"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped ||
                        !TryGetSymbol(reader.ValueSpan, symbols, out symbol))
                    {
                        return false;
                    }

                    hasSymbol = true;
                }
                else if (reader.ValueTextEquals("price"u8))
                {
                    hasPrice = reader.Read() && TryReadFixedPoint(ref reader, out price);
                    if (!hasPrice)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("size"u8))
                {
                    hasSize = reader.Read() && TryReadFixedPoint(ref reader, out size);
                    if (!hasSize)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    if (!reader.Read() || !TryReadTimestamp(ref reader, out timestampNs))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!hasSymbol && !TryGetSymbol(key, symbols, out symbol))
            {
                return false;
            }

            if (!hasPrice || !hasSize)
            {
                return false;
            }

            e = MarketEvent.Trade(symbol, price, size, timestampNs);
            return true;
        }
        catch (JsonException)
        {
            // Malformed JSON is a bad message, counted by the caller; this is the cold path.
            return false;
        }
    }

    private static bool TryReadFixedPoint(ref Utf8JsonReader reader, out FixedPoint value)
    {
        value = default;
        return (reader.TokenType is JsonTokenType.Number or JsonTokenType.String) && !reader.ValueIsEscaped &&
            FixedPoint.TryParse(reader.ValueSpan, out value);
    }

    private static bool TryReadTimestamp(ref Utf8JsonReader reader, out long timestampNs)
    {
        timestampNs = 0;
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out timestampNs);
        }

        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out DateTimeOffset time))
        {
            timestampNs = (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
            return true;
        }

        return false;
    }

    private static bool TryGetSymbol(ReadOnlySpan<byte> utf8, SymbolTable symbols, out SymbolId symbol)
    {
        if (utf8.IsEmpty)
        {
            symbol = default;
            return false;
        }

        if (symbols.TryGetId(utf8, out symbol))
        {
            return true;
        }

        // A new name: intern it once (allocates); invalid UTF-8 or a full table makes the message bad.
        try
        {
            symbol = symbols.GetOrAdd(Encoding.UTF8.GetString(utf8));
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }
}
