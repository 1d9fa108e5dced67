namespace LowLatency.Ticks;

/// <summary>How recorded ticks are read. Defaults read any supported file and stop at the first malformed row.</summary>
public readonly record struct TickReadOptions
{
    public TickReadOptions()
    {
    }

    /// <summary>Overrides format detection.</summary>
    public TickFormat Format { get; init; } = TickFormat.Auto;

    /// <summary>Count malformed rows and go on, instead of stopping at the first one.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>Symbol for inputs that carry none (a CSV without a symbol column); default: derived from the file name.</summary>
    public string? Symbol { get; init; }

    /// <summary>CSV: how the timestamp column is written.</summary>
    public TimestampUnit TimestampUnit { get; init; } = TimestampUnit.Auto;

    /// <summary>CSV column names, matched case-insensitively; null means the usual names (see the CSV reader).</summary>
    public string? TimestampColumn { get; init; }

    public string? SymbolColumn { get; init; }

    public string? PriceColumn { get; init; }

    public string? SizeColumn { get; init; }

    public string? BidColumn { get; init; }

    public string? AskColumn { get; init; }

    public string? BidSizeColumn { get; init; }

    public string? AskSizeColumn { get; init; }
}
