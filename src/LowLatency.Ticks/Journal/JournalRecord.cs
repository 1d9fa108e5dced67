using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace LowLatency.Ticks.Journal;

/// <summary>Encodes and decodes the 48-byte record (offsets in <see cref="JournalFormat"/>).</summary>
internal static class JournalRecord
{
    /// <summary>Writes the input fields of <paramref name="e"/>; the reserved bytes are left as they are (zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> record, in MarketEvent e, int journalSymbol)
    {
        record = record[..JournalFormat.RecordLength];
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalFormat.RecordTimestampOffset..], e.TimestampNs);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalFormat.RecordPriceOffset..], e.Price.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalFormat.RecordSizeOffset..], e.Size.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalFormat.RecordAskPriceOffset..], e.AskPrice.Raw);
        BinaryPrimitives.WriteInt64LittleEndian(record[JournalFormat.RecordAskSizeOffset..], e.AskSize.Raw);
        BinaryPrimitives.WriteInt32LittleEndian(record[JournalFormat.RecordSymbolOffset..], journalSymbol);
        record[JournalFormat.RecordKindOffset] = (byte)e.Kind;
        record[JournalFormat.RecordFlagsOffset] = (byte)e.Flags;
    }

    /// <summary>
    /// Overwrites all of <paramref name="e"/> (stage fields and ingest stamp zero), mapping the journal symbol id
    /// through <paramref name="tableIds"/>. False, leaving <paramref name="e"/> untouched, when the kind or the id is invalid
    /// (or maps to -1: a symbol lost with a damaged block).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ReadOnlySpan<byte> record, int[] tableIds, ref MarketEvent e)
    {
        record = record[..JournalFormat.RecordLength];
        int journalSymbol = BinaryPrimitives.ReadInt32LittleEndian(record[JournalFormat.RecordSymbolOffset..]);
        byte kind = record[JournalFormat.RecordKindOffset];
        if ((uint)journalSymbol >= (uint)tableIds.Length ||
            kind is not ((byte)MarketEventKind.Trade or (byte)MarketEventKind.Quote))
        {
            return false;
        }

        int tableId = tableIds[journalSymbol];
        if (tableId < 0)
        {
            return false; // the symbol's definition was lost with a damaged block
        }

        e = default; // clears the stage fields and the ingest stamp in one go
        e.TimestampNs = BinaryPrimitives.ReadInt64LittleEndian(record[JournalFormat.RecordTimestampOffset..]);
        e.Price = FixedPoint.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(record[JournalFormat.RecordPriceOffset..]));
        e.Size = FixedPoint.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(record[JournalFormat.RecordSizeOffset..]));
        e.AskPrice = FixedPoint.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(record[JournalFormat.RecordAskPriceOffset..]));
        e.AskSize = FixedPoint.FromRaw(BinaryPrimitives.ReadInt64LittleEndian(record[JournalFormat.RecordAskSizeOffset..]));
        e.Symbol = new SymbolId(tableId);
        e.Kind = (MarketEventKind)kind;
        e.Flags = (MarketEventFlags)record[JournalFormat.RecordFlagsOffset];
        return true;
    }
}
