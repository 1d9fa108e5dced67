namespace LowLatency.Ticks.Import.Internal;

/// <summary>What one parsed row turned into.</summary>
internal enum LeanRowResult
{
    /// <summary>The row filled the event.</summary>
    Tick,

    /// <summary>Well-formed but not an event (an equity quote before both sides of the book are known).</summary>
    Ignored,

    /// <summary>The row is malformed; the source holds the column, span and reason.</summary>
    Malformed,
}
