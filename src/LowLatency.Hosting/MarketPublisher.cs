using System.Runtime.CompilerServices;
using LowLatency.Engine;
using LowLatency.Hosting.Internal;
using LowLatency.Market;

namespace LowLatency.Hosting;

/// <summary>
/// Publishes host code's events into the hosted pipeline: claim a slot, fill it in place, publish; the ingest
/// timestamp is stamped at publish. Nothing is allocated.
/// </summary>
/// <remarks>
/// <para>Thread-safety follows the ring. With <c>ProducerType</c> Multi any number of threads may publish at once.
/// With Single (the default) exactly one thread may publish at a time, and the built-in input must be None, or
/// every call throws (two producers on a single-producer ring would corrupt it); so does a ring reserved by an outside
/// producer such as the Kafka bridge (LowLatency.Kafka.Hosting). Publishing from one logical
/// producer that moves between threads (an async loop) is fine, as long as calls never overlap.</para>
/// <para>A full ring makes <see cref="Publish"/> and <see cref="Claim"/> wait for the stages and
/// <see cref="TryPublish"/> return false. Once the host is stopping the ring is closed, and all three throw
/// <see cref="InvalidOperationException"/> (<see cref="PipelineHaltedException"/> after a halt): stop publishing
/// when <c>IHostApplicationLifetime.ApplicationStopping</c> fires. Symbol ids come from <see cref="Symbols"/>, whose adds
/// are single-threaded: with one publishing thread add symbols from it; with several, list them all in
/// <c>LowLatency:Symbols</c> (or add them before publishing starts) so publishers only look ids up.</para>
/// </remarks>
public sealed class MarketPublisher
{
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly string? _ownedBy; // the built-in input that owns a single-producer ring, if any
    private string? _reservation; // why an outside producer (the Kafka bridge) owns the ring instead, if one does

    internal MarketPublisher(RingBuffer<MarketEvent> ring, SymbolTable symbols, string? ownedBy)
    {
        _ring = ring;
        _ownedBy = ownedBy;
        Symbols = symbols;
    }

    public SymbolTable Symbols { get; }

    public ProducerType ProducerType => _ring.ProducerType;

    /// <summary>Copies <paramref name="e"/> into the next slot and publishes it, waiting while the ring is full.</summary>
    public void Publish(in MarketEvent e)
    {
        ThrowIfOwned();
        MarketEventSlot.Publish(_ring, in e);
    }

    /// <summary>Publishes <paramref name="e"/> if a slot is free now; false when the ring is full.</summary>
    public bool TryPublish(in MarketEvent e)
    {
        ThrowIfOwned();
        return MarketEventSlot.TryPublish(_ring, in e);
    }

    /// <summary>Claims the next slot to fill in place, blank (every field zero, so a field you do not write is never
    /// an older event's); disposing the claim clears the stage fields, stamps and publishes it.</summary>
    public MarketClaim Claim()
    {
        ThrowIfOwned();
        RingBuffer<MarketEvent>.Claim claim = _ring.ClaimNext();
        MarketEventSlot.Blank(ref claim.Event);
        return new MarketClaim(claim);
    }

    /// <summary>
    /// Hands the ring to a producer outside this publisher (the Kafka bridge of LowLatency.Kafka.Hosting, or your own):
    /// from now on <see cref="Publish"/>, <see cref="TryPublish"/> and <see cref="Claim"/> throw
    /// <see cref="InvalidOperationException"/> with <paramref name="reason"/>, so host code cannot become a second
    /// producer of a single-producer ring. Call it while the host starts (e.g. in an
    /// <c>IHostedLifecycleService.StartingAsync</c>), before that producer publishes. There is no release.
    /// </summary>
    /// <param name="reason">The message host code gets when it publishes anyway: name the owner and where to publish instead.</param>
    /// <exception cref="InvalidOperationException">The ring is already reserved, or owned by the built-in input.</exception>
    public void Reserve(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        ThrowIfOwned(); // one outside owner at most, and never beside the built-in input
        Volatile.Write(ref _reservation, reason); // release: code that awaited the host's start sees it (the await orders it)
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ThrowIfOwned()
    {
        if (_ownedBy is not null)
        {
            ThrowHelper.PublisherNotAllowed(_ownedBy);
        }

        if (_reservation is not null)
        {
            ThrowHelper.InvalidOperation(_reservation);
        }
    }
}
