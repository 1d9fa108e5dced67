namespace LowLatency.Ticks.Import.Internal;

/// <summary>What parsing one row or message gave: a tick, well-formed input that is not a tick, or a bad row.</summary>
internal enum RowResult
{
    Tick,
    Ignored,
    Error,
}
