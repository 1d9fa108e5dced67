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

    /// <summary>Fee of a fill in basis points of its notional (quantity × price), e.g. 0.5. Default 0.</summary>
    public FixedPoint FeeBps { get; init; }

    /// <summary>Fee of a fill per unit traded, in the quote currency (a per-share commission). Default 0.</summary>
    public FixedPoint FeePerUnit { get; init; }

    /// <summary>Every fill's price moves this many basis points against the order (a buy pays more, a sell gets less),
    /// rounded against the order to the raw unit: a cost the book's prices do not show. Default 0.</summary>
    public FixedPoint SlippageBps { get; init; }

    /// <summary>Besides every fill, the equity curve gets a point on the first event at or after each multiple of this
    /// much exchange time (the marks move between fills); 0 = at fills only. Default 1 minute.</summary>
    public long EquityIntervalNs { get; init; } = 60_000_000_000;

    /// <summary>The capital drawdown percentages and returns are measured against (quote currency). Default 100,000.</summary>
    public FixedPoint StartingCapital { get; init; } = FixedPoint.FromInt(100_000);

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

        if (FeeBps.Raw < 0 || FeePerUnit.Raw < 0 || SlippageBps.Raw < 0)
        {
            throw new ArgumentException("FeeBps, FeePerUnit and SlippageBps must not be negative.", nameof(FeeBps));
        }

        if (EquityIntervalNs < 0)
        {
            throw new ArgumentException($"EquityIntervalNs must be 0 (fills only) or positive (got {EquityIntervalNs}).", nameof(EquityIntervalNs));
        }

        if (StartingCapital.Raw <= 0)
        {
            throw new ArgumentException($"StartingCapital must be positive (got {StartingCapital}).", nameof(StartingCapital));
        }

        if (SignalLogCapacity < 0 || FillLogCapacity < 0)
        {
            throw new ArgumentException("SignalLogCapacity and FillLogCapacity must not be negative.", nameof(SignalLogCapacity));
        }
    }
}
