using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace LowLatency.Engine.Internal;

/// <summary>Cold throw paths kept out of hot methods so those stay small enough to inline.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void BufferSizeNotPowerOfTwo(int bufferSize) =>
        throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize,
            "Ring buffer size must be a power of two between 2 and 2^30.");

    [DoesNotReturn]
    public static void ClaimSizeOutOfRange(int n, int bufferSize) =>
        throw new ArgumentOutOfRangeException(nameof(n), n,
            $"Claim size must be between 1 and the ring size ({bufferSize}).");

    [DoesNotReturn]
    public static void PublishAfterShutdown() =>
        throw new InvalidOperationException("Cannot claim a slot: the pipeline has been shut down.");

    [DoesNotReturn]
    public static void PipelineHalted() =>
        throw new PipelineHaltedException("Cannot claim a slot: the pipeline was halted (a handler failed or Halt() was called).");

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
