namespace LowLatency.Ticks.Import.Internal;

/// <summary>The LEAN security types this reader understands (the first folder of a LEAN data path).</summary>
internal enum LeanSecurityType
{
    Equity,
    Forex,
    Cfd,
    Future,
}
