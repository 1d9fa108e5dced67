using LowLatency.Ticks.Journal;

namespace LowLatency.Ticks.Listing;

/// <summary>
/// A journal from its header and block headers: every symbol it defines and its record count (the reader's walk at
/// open), the first record and the last (one block each). Record payloads are not verified and kinds are not read
/// unless counting, which reads every record.
/// </summary>
internal static class JournalFileDescriber
{
    public static TickFileInfo Describe(string path, long size, TickReadOptions options, bool count)
    {
        var known = new TickFileInfo(path, TickFormat.Journal, size);
        if (count)
        {
            return SourceFileDescriber.Describe(known, options, count: true, notCounted: "");
        }

        // Skipping damage makes the walk report a damaged block instead of stopping at it: the listing shows it.
        using JournalReader reader = JournalReader.Open(path, new SymbolTable(), options with { SkipBadRows = true });
        var first = default(MarketEvent);
        bool any = reader.TryRead(ref first);
        return known with
        {
            Symbols = reader.SymbolNames,
            SymbolsComplete = true,
            FirstTimestampNs = any ? first.TimestampNs : null,
            LastTimestampNs = any ? reader.ReadLastTimestampNs() : null,
            EventCount = reader.RecordCount,
            Note = "counted from block headers",
            Problem = TickFileDescriber.DamageText(path, reader.Losses),
        };
    }
}
