namespace LowLatency.Market.Strategies;

/// <summary>A strategy parameter that is unknown, malformed or out of range. The message is one line that names the
/// key as the user wrote it (<c>--strategy-param entry-bps</c>, <c>LowLatency:Strategy:Parameters:EntryBps</c>).</summary>
public sealed class StrategyParameterException : ArgumentException
{
    public StrategyParameterException(string message)
        : base(message)
    {
    }

    public StrategyParameterException()
    {
    }

    public StrategyParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
