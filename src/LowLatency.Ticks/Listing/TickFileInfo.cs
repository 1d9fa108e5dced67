namespace LowLatency.Ticks.Listing;

/// <summary>
/// What one tick file holds, as far as its format tells cheaply, or exactly when it was read in full
/// (<see cref="TickFileDescriber.Describe"/> with <c>count</c>). A null value is unknown, never zero.
/// </summary>
/// <param name="Path">The file as it was given.</param>
/// <param name="Format">The format it was read as; <see cref="TickFormat.Auto"/> when it could not be told.</param>
/// <param name="SizeBytes">Bytes on disk (compressed size for a zip or gzip).</param>
public sealed record TickFileInfo(string Path, TickFormat Format, long SizeBytes)
{
    /// <summary>Symbols known to be in the file; all of them when <see cref="SymbolsComplete"/>, otherwise those seen
    /// in the part that was read.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    public bool SymbolsComplete { get; init; }

    /// <summary>Event kinds known to be in the file (trade, quote); empty when unknown.</summary>
    public IReadOnlyList<MarketEventKind> Kinds { get; init; } = [];

    /// <summary>Earliest event time (UTC ns since the Unix epoch), when known.</summary>
    public long? FirstTimestampNs { get; init; }

    /// <summary>Latest event time (UTC ns since the Unix epoch), when known.</summary>
    public long? LastTimestampNs { get; init; }

    /// <summary>The trading date the path names (LEAN), in <see cref="DataTimeZone"/>.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The time zone <see cref="Date"/> is a day of (LEAN's data time zone, e.g. America/New_York).</summary>
    public string? DataTimeZone { get; init; }

    /// <summary>Events a full read delivers; null when not counted (<see cref="Note"/> says why).</summary>
    public long? EventCount { get; init; }

    /// <summary>Rows or lines a full read goes through, ignored ones (depth updates, one-sided quotes) included.</summary>
    public long? RowCount { get; init; }

    /// <summary>How the values were obtained, or why some are unknown (one short phrase).</summary>
    public string? Note { get; init; }

    /// <summary>Why the file could not be described (damaged, unreadable, not a tick file): one line, or null.</summary>
    public string? Problem { get; init; }

    public bool IsReadable => Problem is null;
}
