using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Hosting.Internal;

/// <summary>The signal queue's only stage: hands each signal to the hub's subscribers.</summary>
internal readonly struct SignalDispatchHandler(SignalHub hub) : IEventHandler<Signal>
{
    public void OnEvent(ref Signal data, long sequence, bool endOfBatch) => hub.Dispatch(in data);
}
