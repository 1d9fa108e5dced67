using System.Globalization;
using System.IO.Compression;
using LowLatency.Ticks.Import.Internal;

namespace LowLatency.Ticks.Listing;

/// <summary>
/// A LEAN zip from its path (symbol, date, data time zone, trade or quote) and its zip directory (one symbol per futures
/// entry, uncompressed size). The rows are not read unless counting: LEAN keeps no row count outside the CSV.
/// </summary>
internal static class LeanFileDescriber
{
    private const long NanosecondsPerHour = 3_600_000_000_000;

    public static TickFileInfo Describe(string path, long size, TickReadOptions options, bool count)
    {
        LeanPath lean = LeanPath.Parse(path);
        var symbols = new List<string>();
        long uncompressed = 0;
        int entries = 0;
        using (ZipArchive zip = OpenArchive(path))
        {
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue; // a directory
                }

                entries++;
                uncompressed += entry.Length;
                string symbol = options.Symbol ?? lean.SymbolOf(entry.Name, path + "!" + entry.FullName);
                if (!symbols.Contains(symbol))
                {
                    symbols.Add(symbol);
                }
            }
        }

        var known = new TickFileInfo(path, TickFormat.Lean, size)
        {
            Symbols = symbols,
            SymbolsComplete = true,
            Kinds = [lean.Layout is LeanRowLayout.EquityTrade or LeanRowLayout.FutureTrade ? MarketEventKind.Trade : MarketEventKind.Quote],
            Date = lean.Date,
            DataTimeZone = lean.DataTimeZone.Id,
            Note = string.Create(CultureInfo.InvariantCulture,
                $"not counted: {entries} CSV {(entries == 1 ? "entry" : "entries")} of {uncompressed:N0} bytes (--count reads them)"),
            Problem = entries == 0 ? "holds no CSV entry" : null,
        };
        return count && entries > 0 ? SourceFileDescriber.Describe(known, options, count: true, notCounted: "") : known;
    }

    /// <summary>Every row of a LEAN zip is a time of day (below 24 h) on the path's date in its data time zone; an
    /// hour either side covers a daylight-saving day's shifted times. False when the path is not a LEAN layout.</summary>
    public static bool TryGetTimeBounds(string path, out long firstNs, out long lastNs)
    {
        LeanPath lean;
        try
        {
            lean = LeanPath.Parse(path);
        }
        catch (TickFormatException)
        {
            firstNs = lastNs = 0;
            return false;
        }

        LeanDayClock clock = LeanDayClock.Create(lean.Date, lean.DataTimeZone);
        firstNs = clock.ToUtcNs(0) - NanosecondsPerHour;
        lastNs = clock.ToUtcNs(LeanDayClock.NanosecondsPerDay - 1) + NanosecondsPerHour;
        return true;
    }

    private static ZipArchive OpenArchive(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new TickFormatException(path, 0, -1, null, null, "is not a readable zip archive: " + ex.Message);
        }
    }
}
