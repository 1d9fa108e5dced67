namespace LowLatency.Ticks;

/// <summary>Input formats. <see cref="Auto"/> detects by content and extension.</summary>
public enum TickFormat
{
    Auto,

    /// <summary>Our binary tick journal (<c>.lltj</c>).</summary>
    Journal,

    /// <summary>QuantConnect LEAN tick zip (header-less CSV inside).</summary>
    Lean,

    /// <summary>Raw Binance combined-stream capture: gzip lines of <c>&lt;local ns&gt; &lt;JSON&gt;</c>.</summary>
    Binance,

    /// <summary>CSV with a header row (TrueFX, Tardis and similar).</summary>
    Csv,

    /// <summary>Apache Parquet in the tick table of <c>LowLatency.Ticks.Parquet</c> (<c>.parquet</c>), which reads it.</summary>
    Parquet,
}
