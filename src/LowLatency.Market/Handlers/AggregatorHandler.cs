using LowLatency.Engine;

namespace LowLatency.Market.Handlers;

/// <summary>Second stage: per-symbol VWAPs, rolling mids, bars and counts; writes <see cref="MarketEvent.RollingVwap"/>
/// and, in a <see cref="MarketPipeline"/>, the slot's aggregate view for the strategy. The state lives in the shared
/// <see cref="AggregatorState"/>.</summary>
public readonly struct AggregatorHandler : IEventHandler<MarketEvent>
{
    private readonly AggregatorState _state;
    private readonly AggregateRing? _views;

    public AggregatorHandler(AggregatorState state)
        : this(state, null)
    {
    }

    internal AggregatorHandler(AggregatorState state, AggregateRing? views)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _views = views;
    }

    public AggregatorState State => _state;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        _state.Apply(ref data);
        if (_views is not null && data.FilterReason == FilterReason.None && (uint)data.Symbol.Value < (uint)_state.SymbolCapacity)
        {
            _state.WriteView(data.Symbol.Value, ref _views[sequence]);
        }
    }
}
