using System.Diagnostics;
using LowLatency.Engine;
using LowLatency.Hosting.Settings;
using LowLatency.Market;
using LowLatency.Ticks;
using LowLatency.Ticks.Import;

namespace LowLatency.Hosting.Inputs;

/// <summary>
/// Recorded tick files merged in timestamp order, each tick read straight into its claimed slot, as fast as possible
/// or paced to recorded time. Files are opened (and their format told) at start, so a bad path fails the start.
/// </summary>
internal sealed class TickFileInput : IMarketInput
{
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly TickMerger _merger;
    private readonly double _speed;
    private long _published;

    public TickFileInput(RingBuffer<MarketEvent> ring, SymbolTable symbols, TickInputSettings settings)
    {
        _ring = ring;
        _speed = settings.Speed;
        var options = new TickReadOptions { Format = settings.Format, SkipBadRows = settings.SkipBadRows, Symbol = settings.Symbol };
        var sources = new List<ITickSource>();
        try
        {
            foreach (string path in settings.Paths ?? [])
            {
                sources.AddRange(TickSources.Open(path, symbols, options));
            }

            _merger = new TickMerger(sources);
        }
        catch
        {
            foreach (ITickSource source in sources)
            {
                source.Dispose();
            }

            throw;
        }
    }

    public string Name => "Ticks";

    public long Published => Volatile.Read(ref _published); // acquire: the producer thread writes it

    public TickLosses Losses => _merger.Losses;

    public void Run(CancellationToken cancellation)
    {
        double ticksPerRecordedNs = _speed > 0 ? Stopwatch.Frequency / (1e9 * _speed) : 0;
        long firstTimestampNs = 0;
        long wallStart = 0;
        long published = 0;
        while (_merger.HasNext)
        {
            if ((published & 0x3FF) == 0 && cancellation.IsCancellationRequested)
            {
                return;
            }

            long timestamp = _merger.Peek.TimestampNs;
            if (published == 0)
            {
                firstTimestampNs = timestamp;
                wallStart = Stopwatch.GetTimestamp();
            }
            else if (ticksPerRecordedNs > 0 && !Pacer.WaitUntil(wallStart + (long)((timestamp - firstTimestampNs) * ticksPerRecordedNs), cancellation))
            {
                return;
            }

            long sequence = _ring.Next();
            ref MarketEvent slot = ref _ring[sequence];
            try
            {
                // The merger copies the peeked tick into the slot before it reads ahead, so when the read-ahead hits a
                // bad row the slot still holds a good tick: publish it, then let the error end the input.
                _merger.TryRead(ref slot);
            }
            finally
            {
                MarketEventSlot.Seal(ref slot);
                _ring.Publish(sequence);
                Volatile.Write(ref _published, ++published); // release: status readers see whole counts
            }
        }
    }

    public void Dispose() => _merger.Dispose();
}
