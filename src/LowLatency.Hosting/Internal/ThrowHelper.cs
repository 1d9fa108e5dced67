using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace LowLatency.Hosting.Internal;

/// <summary>Cold throw paths, kept out of the publish and signal methods so those stay small and inlinable.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void PublisherNotAllowed(string input) =>
        throw new InvalidOperationException(
            $"The ring is single-producer and the built-in {input} input already publishes to it; set " +
            "LowLatency:ProducerType to Multi to publish from host code as well.");

    [DoesNotReturn]
    public static void SignalQueueFull(int capacity, long sequence) =>
        throw new InvalidOperationException(
            $"Signal queue full ({capacity} signals): subscribers are not keeping up, so the signal of sequence " +
            $"{sequence} was not delivered (LowLatency:SignalQueueFullMode is Fail).");

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
