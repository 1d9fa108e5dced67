namespace LowLatency.Ticks;

/// <summary>
/// A recorded-tick input read one event at a time, in file order: a journal, a LEAN zip, a Binance capture, a CSV.
/// Symbols are interned into the <see cref="SymbolTable"/> the source was opened with, so events from several
/// sources can share one pipeline.
/// </summary>
public interface ITickSource : IDisposable
{
    /// <summary>What to name in messages: the file path (and the entry, for a zip member).</summary>
    string Name { get; }

    /// <summary>
    /// Overwrites <paramref name="e"/> with the next tick (stage fields cleared, ingest stamp zero) and returns true,
    /// or returns false at the end of the input. Throws <see cref="TickFormatException"/> on a malformed row unless
    /// the source was opened to skip bad rows, in which case the row is counted in <see cref="SkippedRows"/>.
    /// Allocates nothing per row in the steady state.
    /// </summary>
    bool TryRead(ref MarketEvent e);

    /// <summary>Rows (or messages) read so far, including skipped ones.</summary>
    long RowsRead { get; }

    /// <summary>Malformed rows skipped so far (only when skipping bad rows was asked for).</summary>
    long SkippedRows { get; }

    /// <summary>Well-formed input that is not a tick and is skipped by design (depth updates, snapshots, ...).</summary>
    long IgnoredRows { get; }

    /// <summary>
    /// What this source read but did not deliver: skipped rows by reason, and damage that cut the input short
    /// (truncation, a dropped zip entry, skipped journal blocks). A caller reports it and must not call the run
    /// complete unless <see cref="TickLosses.IsComplete"/>. The default, for a source that cannot lose input, is empty.
    /// </summary>
    TickLosses Losses => new();
}
