using LowLatency.Engine;

namespace LowLatency.Market.Handlers;

/// <summary>Last stage: turns accepted trades into signals, positions and PnL, and writes <see cref="MarketEvent.Signal"/>.
/// The state lives in the shared <see cref="StrategyState"/>.</summary>
public readonly struct StrategyHandler : IEventHandler<MarketEvent>
{
    private readonly StrategyState _state;

    public StrategyHandler(StrategyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    public StrategyState State => _state;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch) => _state.Apply(ref data, sequence);
}
