namespace LowLatency.Market.Strategies;

/// <summary>The names a strategy gives its reason codes (<see cref="IStrategy{TSelf}.ReasonName"/>), looked up once
/// when the pipeline is built, for CSV files, summaries and signal topics.</summary>
public sealed class StrategyReasons
{
    private readonly string[] _names = new string[256];

    private StrategyReasons()
    {
    }

    public string this[byte reason] => _names[reason];

    public static StrategyReasons Of<TStrategy>()
        where TStrategy : struct, IStrategy<TStrategy>
    {
        var reasons = new StrategyReasons();
        for (int code = 0; code < reasons._names.Length; code++)
        {
            reasons._names[code] = TStrategy.ReasonName((byte)code);
        }

        return reasons;
    }
}
