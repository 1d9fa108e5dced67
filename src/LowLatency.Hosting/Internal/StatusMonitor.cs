using System.Diagnostics;
using LowLatency.Engine;
using LowLatency.Market;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Internal;

/// <summary>
/// The host's monitor loop: samples the lag every 100 ms for the health check, and logs a status line (rate, lag,
/// signals, filtered, failed) every <see cref="MarketHostOptions.StatusInterval"/>. Runs on the thread pool, off the
/// stage threads.
/// </summary>
internal sealed class StatusMonitor(MarketPipeline pipeline, SignalHub signals, LagWatch lagWatch, TimeSpan statusInterval, ILogger logger)
{
    private static readonly TimeSpan s_period = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _cancel = new();
    private Task _loop = Task.CompletedTask;

    public void Start() => _loop = Task.Run(RunAsync, CancellationToken.None);

    /// <summary>Ends the loop, waiting at most <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await _cancel.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(timeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Cancel() => _cancel.Cancel();

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(s_period);
        long statusTicks = (long)(statusInterval.TotalSeconds * Stopwatch.Frequency);
        long lastStatus = Stopwatch.GetTimestamp();
        long lastProcessed = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_cancel.Token).ConfigureAwait(false))
            {
                long now = Stopwatch.GetTimestamp();
                lagWatch.Sample(pipeline.Lag, now);
                if (statusTicks > 0 && now - lastStatus >= statusTicks)
                {
                    long processed = pipeline.Stages[^1].ProcessedCount;
                    long rate = (long)((processed - lastProcessed) * (double)Stopwatch.Frequency / (now - lastStatus));
                    LogStatus(processed, rate);
                    lastStatus = now;
                    lastProcessed = processed;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void LogStatus(long processed, long rate)
    {
        long failed = 0;
        foreach (IEventProcessor stage in pipeline.Stages)
        {
            failed += stage.FailureCount;
        }

        Log.Status(logger, processed, rate, pipeline.Lag, pipeline.Trading.Signals.TotalCount, signals.Dropped,
            pipeline.Filter.FilteredCount, failed);
    }
}
