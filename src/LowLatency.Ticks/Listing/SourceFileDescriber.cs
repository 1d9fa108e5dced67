using LowLatency.Ticks.Import;

namespace LowLatency.Ticks.Listing;

/// <summary>
/// Describes a file by reading it through its tick sources: only the first event of each source (the earliest time and
/// the first symbols, cheap for a stream), or everything when counting (exact events, rows, kinds, symbols and span).
/// Public so that a format in another package (LowLatency.Ticks.Parquet) lists its files the same way.
/// </summary>
public static class SourceFileDescriber
{
    /// <summary>Fills in <paramref name="known"/>; <paramref name="notCounted"/> says why the count is unknown when
    /// only the head is read. A problem while reading ends the description with what was learnt before it.</summary>
    public static TickFileInfo Describe(TickFileInfo known, TickReadOptions options, bool count, string notCounted) =>
        Describe(known, options, count, notCounted, TickSources.Open);

    /// <summary>As above, with the sources from <paramref name="open"/>: a format the core project cannot read
    /// (Parquet) passes its own.</summary>
    public static TickFileInfo Describe(TickFileInfo known, TickReadOptions options, bool count, string notCounted,
        Func<string, SymbolTable, TickReadOptions, IReadOnlyList<ITickSource>> open)
    {
        var symbols = new SymbolTable();
        IReadOnlyList<ITickSource> sources = [];
        long events = 0, rows = 0, first = long.MaxValue, last = long.MinValue;
        bool trades = false, quotes = false;
        try
        {
            sources = open(known.Path, symbols, options);
            var e = default(MarketEvent);
            foreach (ITickSource source in sources)
            {
                while (source.TryRead(ref e))
                {
                    events++;
                    first = Math.Min(first, e.TimestampNs);
                    last = Math.Max(last, e.TimestampNs);
                    trades |= e.Kind == MarketEventKind.Trade;
                    quotes |= e.Kind == MarketEventKind.Quote;
                    if (!count)
                    {
                        break; // each source's first event: its earliest, as every reader delivers file order
                    }
                }

                rows += source.RowsRead;
            }

            TickLosses losses = new();
            foreach (ITickSource source in sources)
            {
                source.Losses.AddTo(losses);
            }

            TickFileInfo info = With(known, symbols, events, first, last, trades, quotes, count);
            return count
                ? info with { EventCount = events, RowCount = rows, Note = "read in full", Problem = TickFileDescriber.DamageText(known.Path, losses) }
                : info with { Note = notCounted };
        }
        catch (Exception ex) when (TickFileDescriber.IsFileProblem(ex))
        {
            return With(known, symbols, events, first, last, trades, quotes, complete: false) with
            {
                Problem = TickFileDescriber.ProblemText(known.Path, ex),
            };
        }
        finally
        {
            foreach (ITickSource source in sources)
            {
                source.Dispose();
            }
        }
    }

    private static TickFileInfo With(TickFileInfo known, SymbolTable symbols, long events, long first, long last, bool trades, bool quotes, bool complete)
    {
        var names = new string[symbols.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = symbols.GetName(new SymbolId(i));
        }

        return known with
        {
            Symbols = names.Length > 0 || complete ? names : known.Symbols,
            SymbolsComplete = complete || known.SymbolsComplete,
            Kinds = complete ? Kinds(trades, quotes) : known.Kinds, // the first events do not tell what else follows
            FirstTimestampNs = events > 0 ? first : known.FirstTimestampNs,
            LastTimestampNs = complete && events > 0 ? last : known.LastTimestampNs,
        };
    }

    internal static MarketEventKind[] Kinds(bool trades, bool quotes) => (trades, quotes) switch
    {
        (true, true) => [MarketEventKind.Trade, MarketEventKind.Quote],
        (true, false) => [MarketEventKind.Trade],
        (false, true) => [MarketEventKind.Quote],
        _ => [],
    };
}
