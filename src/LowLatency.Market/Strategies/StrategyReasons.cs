namespace LowLatency.Market.Strategies;

/// <summary>The names a strategy gives its reason codes (<see cref="IStrategy{TSelf}.ReasonName"/>), looked up once
/// when the pipeline is built, for CSV files, summaries and signal topics. A name must be non-empty and free of
/// commas, quotes and line breaks, so it can stand in a CSV field as it is.</summary>
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
            string name = TStrategy.ReasonName((byte)code);
            if (string.IsNullOrEmpty(name) || name.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                throw new ArgumentException(
                    $"{TStrategy.Name}: the name of reason code {code} must be non-empty, without commas, quotes or line breaks (got '{name}').");
            }

            reasons._names[code] = name;
        }

        return reasons;
    }
}
