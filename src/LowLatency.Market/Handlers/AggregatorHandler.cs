using LowLatency.Engine;

namespace LowLatency.Market.Handlers;

/// <summary>Second stage: per-symbol VWAPs, bars and counts, and writes <see cref="MarketEvent.RollingVwap"/> for the
/// strategy. The state lives in the shared <see cref="AggregatorState"/>.</summary>
public readonly struct AggregatorHandler : IEventHandler<MarketEvent>
{
    private readonly AggregatorState _state;

    public AggregatorHandler(AggregatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    public AggregatorState State => _state;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch) => _state.Apply(ref data);
}
