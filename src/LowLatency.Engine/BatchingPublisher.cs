using System.Runtime.CompilerServices;

namespace LowLatency.Engine;

/// <summary>
/// For a producer running flat out: claims slots one at a time but publishes them in runs of up to
/// <see cref="MaxBatch"/>, so the publish (a release store of the cursor and, with a parking wait strategy, a check
/// for parked waiters) is paid once per run instead of once per event. Handlers see events a run at a time, so use
/// it for throughput, not for paced low-latency publishing. Single-producer rings only: on a multi-producer ring one
/// producer's claims are not contiguous, and it publishes every event on its own (<see cref="MaxBatch"/> is 1).
/// </summary>
public struct BatchingPublisher<T>
    where T : unmanaged
{
    private readonly RingBuffer<T> _ring;
    private long _first;
    private long _last;
    private int _pending;

    public BatchingPublisher(RingBuffer<T> ring, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _ring = ring;

        // Never hold back half the ring: consumers must always be able to free the slots the next claim waits for.
        MaxBatch = ring.ProducerType == ProducerType.Single ? Math.Min(maxBatch, Math.Max(1, ring.BufferSize / 2)) : 1;
    }

    public int MaxBatch { get; }

    /// <summary>Slots claimed and not yet published; 1 right after the <see cref="Claim"/> that starts a run.</summary>
    public readonly int Pending => _pending;

    /// <summary>Claims the next slot (waiting while the ring is full); fill it, then call <see cref="Commit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Claim()
    {
        long sequence = _ring.Next();
        if (_pending == 0)
        {
            _first = sequence;
        }

        _last = sequence;
        _pending++;
        return ref _ring[sequence];
    }

    /// <summary>Marks the claimed slot filled; publishes the run once it reaches <see cref="MaxBatch"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Commit()
    {
        if (_pending >= MaxBatch)
        {
            Flush();
        }
    }

    /// <summary>Publishes every claimed slot now. Call it when the input pauses or ends.</summary>
    public void Flush()
    {
        if (_pending > 0)
        {
            _ring.Publish(_first, _last);
            _pending = 0;
        }
    }
}
