namespace LowLatency.Market.Trading;

/// <summary>The engine's side of the strategy stage: risk limits, simulated execution and what is kept in memory.</summary>
public readonly record struct TradingOptions
{
    public TradingOptions()
    {
    }

    public RiskLimits Risk { get; init; } = new();

    /// <summary>
    /// An accepted order fills on the first later event of its symbol stamped at least this long after the event that
    /// triggered it (exchange time), at the book as that event leaves it. Default 0: the next event of the symbol, so an
    /// order never fills on the print that triggered it (it may still meet the same standing quote when that event is
    /// a trade and no newer quote came).
    /// </summary>
    public long FillLatencyNs { get; init; }

    /// <summary>Orders accepted but not yet filled, all symbols together; an intent beyond it is suppressed.</summary>
    public int MaxOpenOrders { get; init; } = 4096;

    /// <summary>Signals kept in <see cref="TradingState.Signals"/>; later ones are only counted.</summary>
    public int SignalLogCapacity { get; init; } = 10_000;

    /// <summary>Fills kept in <see cref="TradingState.Fills"/>; later ones are only counted.</summary>
    public int FillLogCapacity { get; init; } = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Risk.Validate();
        if (FillLatencyNs < 0)
        {
            throw new ArgumentException($"FillLatencyNs must not be negative (got {FillLatencyNs}).", nameof(FillLatencyNs));
        }

        if (MaxOpenOrders < 1)
        {
            throw new ArgumentException($"MaxOpenOrders must be at least 1 (got {MaxOpenOrders}).", nameof(MaxOpenOrders));
        }

        if (SignalLogCapacity < 0 || FillLogCapacity < 0)
        {
            throw new ArgumentException("SignalLogCapacity and FillLogCapacity must not be negative.", nameof(SignalLogCapacity));
        }
    }
}
