using LowLatency.Market;
using LowLatency.Market.Trading;

namespace LowLatency.Hosting.Settings;

/// <summary>Risk limits, simulated execution and log sizes of the strategy stage (<c>LowLatency:Trading</c>); amounts
/// as decimals, 0 turns a limit off. See <see cref="TradingOptions"/> and <see cref="RiskLimits"/>.</summary>
public sealed class TradingSettings
{
    public decimal MaxPosition { get; set; }

    public decimal MaxOrderQuantity { get; set; }

    public decimal MaxNotional { get; set; } = new RiskLimits().MaxNotional.ToDecimal();

    /// <summary>An order fills on its symbol's first event at least this many ns after the decision (0 = the next event).</summary>
    public long FillLatencyNs { get; set; }

    /// <summary>Fee of a fill in basis points of its notional.</summary>
    public decimal FeeBps { get; set; }

    /// <summary>Fee of a fill per unit traded.</summary>
    public decimal FeePerUnit { get; set; }

    /// <summary>Each fill's price moves this many basis points against the order.</summary>
    public decimal SlippageBps { get; set; }

    /// <summary>The equity curve gets a point every this many ns of exchange time besides every fill (0 = fills only).</summary>
    public long EquityIntervalNs { get; set; } = new TradingOptions().EquityIntervalNs;

    /// <summary>What drawdown % and returns are measured against.</summary>
    public decimal StartingCapital { get; set; } = new TradingOptions().StartingCapital.ToDecimal();

    public int MaxOpenOrders { get; set; } = new TradingOptions().MaxOpenOrders;

    /// <summary>Signals kept in memory (later ones are only counted); subscribers see them all.</summary>
    public int SignalLogCapacity { get; set; } = new TradingOptions().SignalLogCapacity;

    /// <summary>Fills kept in memory (later ones are only counted).</summary>
    public int FillLogCapacity { get; set; } = new TradingOptions().FillLogCapacity;

    internal TradingOptions ToOptions() => new()
    {
        Risk = new RiskLimits
        {
            MaxPosition = FixedPoint.FromDecimal(MaxPosition),
            MaxOrderQuantity = FixedPoint.FromDecimal(MaxOrderQuantity),
            MaxNotional = FixedPoint.FromDecimal(MaxNotional),
        },
        FillLatencyNs = FillLatencyNs,
        FeeBps = FixedPoint.FromDecimal(FeeBps),
        FeePerUnit = FixedPoint.FromDecimal(FeePerUnit),
        SlippageBps = FixedPoint.FromDecimal(SlippageBps),
        EquityIntervalNs = EquityIntervalNs,
        StartingCapital = FixedPoint.FromDecimal(StartingCapital),
        MaxOpenOrders = MaxOpenOrders,
        SignalLogCapacity = SignalLogCapacity,
        FillLogCapacity = FillLogCapacity,
    };
}
