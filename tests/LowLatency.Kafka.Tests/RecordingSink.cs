using LowLatency.Market;

namespace LowLatency.Kafka.Tests;

/// <summary>A next sink behind <see cref="KafkaSignalSink"/>: keeps every signal and fill it is handed, in order.</summary>
internal sealed class RecordingSink : ISignalSink
{
    public List<Signal> Signals { get; } = [];

    public List<Fill> Fills { get; } = [];

    public void OnSignal(in Signal signal) => Signals.Add(signal);

    public void OnFill(in Fill fill) => Fills.Add(fill);
}
