using LowLatency.Engine;

namespace LowLatency.Market.Handlers;

/// <summary>First stage: marks bad events with a <see cref="FilterReason"/> (never removes them). The rules and
/// counters live in the shared <see cref="FilterState"/>.</summary>
public readonly struct FilterHandler : IEventHandler<MarketEvent>
{
    private readonly FilterState _state;

    public FilterHandler(FilterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
    }

    public FilterState State => _state;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch) => _state.Apply(ref data);
}
