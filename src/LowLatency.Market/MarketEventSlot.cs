using System.Runtime.CompilerServices;
using LowLatency.Engine;

namespace LowLatency.Market;

/// <summary>
/// The one way a producer fills a ring slot, which still holds the event of the previous lap. A producer that copies a
/// whole event (a decoded tick, a generated or recorded one, an event host code passes in) calls <see cref="Write"/>;
/// one that writes field by field into the slot calls <see cref="Blank"/> right after the claim and <see cref="Seal(ref MarketEvent)"/>
/// right before the publish. Either way the slot reaches the stages with the producer's fields only: no stage field
/// (<see cref="MarketEvent.FilterReason"/>, <see cref="MarketEvent.RollingVwap"/>, <see cref="MarketEvent.Signal"/>)
/// from the previous lap or from the copied event, and a fresh <see cref="MarketEvent.IngestTimestampNs"/>. Nothing
/// is allocated.
/// </summary>
public static class MarketEventSlot
{
    /// <summary>Zeroes a just-claimed slot, so fields the producer does not write (such as
    /// <see cref="MarketEvent.Flags"/>) are not the previous lap's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Blank(ref MarketEvent slot) => slot = default;

    /// <summary>The last step before the publish: clears the stage fields and stamps the ingest time.</summary>
    /// <remarks>This is the one place stage fields are cleared per event: the stages do not clear them again (the
    /// filter only overwrites <see cref="MarketEvent.FilterReason"/>, see <see cref="Handlers.FilterState.Apply"/>), so
    /// every published slot must pass through here, whatever stages the pipeline has.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Seal(ref MarketEvent slot) => Seal(ref slot, MonotonicClock.NowNs());

    /// <summary>As <see cref="Seal(ref MarketEvent)"/> with an ingest time the producer read itself from
    /// <see cref="MonotonicClock.NowNs"/> (the clock the latency stage subtracts it from): a producer that
    /// publishes in runs reads the clock once per run, when it claims the run's first slot. No event of the run is
    /// visible before the run is published, so the stamp is never later than the event's real ingest; latency measured
    /// from it includes the wait for the rest of the run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Seal(ref MarketEvent slot, long ingestTimestampNs)
    {
        slot.ResetStageFields();
        slot.IngestTimestampNs = ingestTimestampNs;
    }

    /// <summary>Copies <paramref name="e"/> into <paramref name="slot"/> and seals it; publish next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ref MarketEvent slot, in MarketEvent e)
    {
        slot = e;
        Seal(ref slot);
    }

    /// <summary>Claims the next slot (waiting while the ring is full), writes <paramref name="e"/> into it and
    /// publishes it; returns its sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Publish(RingBuffer<MarketEvent> ring, in MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(ring);
        long sequence = ring.Next();
        Write(ref ring[sequence], in e);
        ring.Publish(sequence);
        return sequence;
    }

    /// <summary>As <see cref="Publish"/> if a slot is free now; false, with nothing claimed, when the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPublish(RingBuffer<MarketEvent> ring, in MarketEvent e)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (!ring.TryNext(out long sequence))
        {
            return false;
        }

        Write(ref ring[sequence], in e);
        ring.Publish(sequence);
        return true;
    }
}
