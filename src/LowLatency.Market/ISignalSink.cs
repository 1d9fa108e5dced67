namespace LowLatency.Market;

/// <summary>Receives every strategy signal, on the strategy's thread, in sequence order.</summary>
public interface ISignalSink
{
    void OnSignal(in Signal signal);
}
