using System.Threading.Channels;
using LowLatency.Engine;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Internal;

/// <summary>
/// The pipeline's fault reporter. The engine calls <see cref="Report"/> on the failing stage's thread; it only
/// enqueues, and a background loop writes the log. Logging inline would be simpler, since faults are rare, but a
/// logger provider may block (the console provider waits when its queue is full) and a stage failing on every event
/// would then run at logging speed; here it keeps its pace, and what does not fit the queue is counted.
/// </summary>
internal sealed class FaultLog
{
    private const int Capacity = 1024;

    private readonly Channel<HandlerFault> _channel;
    private readonly ILogger _logger;
    private readonly Action _onHalt;
    private long _dropped;
    private Task _loop = Task.CompletedTask;

    public FaultLog(ILogger logger, Action onHalt)
    {
        _logger = logger;
        _onHalt = onHalt;
        _channel = Channel.CreateBounded<HandlerFault>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped)); // any stage thread may drop at once
    }

    /// <summary>Faults that did not fit the queue: counted by the engine, not logged one by one.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The engine's <see cref="EventPipeline{T}.FaultReporter"/>: runs on the failing stage's thread, never blocks.</summary>
    public void Report(HandlerFault fault) => _channel.Writer.TryWrite(fault);

    public void Start() => _loop = Task.Run(LogAllAsync);

    /// <summary>Ends the loop after what is queued, without waiting (disposal after a failed start).</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Logs what is queued, then stops; false if that took longer than <paramref name="timeout"/>.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        Complete();
        try
        {
            await _loop.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task LogAllAsync()
    {
        long reportedDrops = 0;
        await foreach (HandlerFault fault in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Write(fault);
            reportedDrops = ReportDrops(reportedDrops);
        }

        ReportDrops(reportedDrops);
    }

    private long ReportDrops(long reported)
    {
        long dropped = Dropped;
        if (dropped > reported)
        {
            Log.FaultsNotLogged(_logger, dropped - reported);
        }

        return dropped;
    }

    private void Write(in HandlerFault fault)
    {
        if (fault.Sequence == Sequence.InitialValue)
        {
            Log.StageLifecycleFailed(_logger, fault.Exception, fault.HandlerName, fault.Policy.ToString());
        }
        else if (fault.Policy == ExceptionPolicy.LogAndContinue)
        {
            Log.StageFailed(_logger, fault.Exception, fault.HandlerName, fault.Sequence);
        }
        else
        {
            Log.StageHalted(_logger, fault.Exception, fault.HandlerName, fault.Sequence);
        }

        if (fault.Policy == ExceptionPolicy.Halt)
        {
            _onHalt();
        }
    }
}
