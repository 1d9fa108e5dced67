using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Internal;

/// <summary>Every message the host logs, generated once (no boxing, no format parsing at run time).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information,
        "Pipeline started: ring {RingSize} ({ProducerType} producer), {WaitStrategy} wait, policy {ExceptionPolicy}, input {Input}, strategy {Strategy}, stages {Stages}")]
    public static partial void Started(ILogger logger, int ringSize, string producerType, string waitStrategy, string exceptionPolicy, string input,
        string strategy, string stages);

    [LoggerMessage(2, LogLevel.Information, "Warm-up: {Events} generated events through a separate pipeline in {ElapsedMs} ms")]
    public static partial void WarmedUp(ILogger logger, long events, long elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Stage {Stage} pinned to CPU {Cpu}")]
    public static partial void Pinned(ILogger logger, string stage, int cpu);

    [LoggerMessage(4, LogLevel.Information,
        "Status: {Events} events ({Rate} events/s), lag {Lag}, signals {Signals} ({Dropped} dropped), filtered {Filtered}, failed {Failed}")]
    public static partial void Status(ILogger logger, long events, long rate, long lag, long signals, long dropped, long filtered, long failed);

    [LoggerMessage(5, LogLevel.Information, "Stopping: the {Input} input published {Published} events")]
    public static partial void InputStopped(ILogger logger, string input, long published);

    [LoggerMessage(6, LogLevel.Information, "Stage {Stage} processed {Processed} events ({Failed} failed)")]
    public static partial void StageProcessed(ILogger logger, string stage, long processed, long failed);

    [LoggerMessage(7, LogLevel.Information,
        "Pipeline drained: all {Published} published events went through every stage in {ElapsedMs} ms; {Signals} signals, {Dropped} dropped for subscribers")]
    public static partial void Drained(ILogger logger, long published, long elapsedMs, long signals, long dropped);

    [LoggerMessage(8, LogLevel.Error,
        "Pipeline NOT drained within {Timeout} (state {State}): {Published} events published, the last stage finished {Processed}")]
    public static partial void NotDrained(ILogger logger, TimeSpan timeout, string state, long published, long processed);

    [LoggerMessage(9, LogLevel.Error, "Stage {Stage} failed at sequence {Sequence}; the event counts as processed and the stage goes on (ExceptionPolicy LogAndContinue)")]
    public static partial void StageFailed(ILogger logger, Exception exception, string stage, long sequence);

    [LoggerMessage(10, LogLevel.Critical, "Stage {Stage} failed at sequence {Sequence}; the pipeline halted (ExceptionPolicy Halt)")]
    public static partial void StageHalted(ILogger logger, Exception exception, string stage, long sequence);

    [LoggerMessage(11, LogLevel.Error, "Stage {Stage} failed while starting or stopping (ExceptionPolicy {Policy})")]
    public static partial void StageLifecycleFailed(ILogger logger, Exception exception, string stage, string policy);

    [LoggerMessage(12, LogLevel.Warning, "{Count} more stage failures were counted but not logged: the fault log was full")]
    public static partial void FaultsNotLogged(ILogger logger, long count);

    [LoggerMessage(13, LogLevel.Warning, "A signal subscriber threw; the other subscribers still get the signal")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Information, "The {Input} input ended after {Published} events")]
    public static partial void InputEnded(ILogger logger, string input, long published);

    [LoggerMessage(15, LogLevel.Error, "The {Input} input failed after {Published} events; what it published still goes through the pipeline")]
    public static partial void InputFailed(ILogger logger, Exception exception, string input, long published);

    [LoggerMessage(16, LogLevel.Warning, "Signal subscribers did not finish the queued signals within {Timeout}")]
    public static partial void SignalsNotDrained(ILogger logger, TimeSpan timeout);

    [LoggerMessage(17, LogLevel.Information, "GC latency mode set to {Mode}")]
    public static partial void GcLatencyModeSet(ILogger logger, string mode);

    [LoggerMessage(18, LogLevel.Critical, "Stopping the host: the pipeline halted")]
    public static partial void StoppingOnHalt(ILogger logger);

    [LoggerMessage(19, LogLevel.Warning, "The {Input} input did not stop within {Timeout}; the ring is closed under it")]
    public static partial void InputDidNotStop(ILogger logger, string input, TimeSpan timeout);

    // A high id, apart from the sequence above, so messages added there meanwhile do not collide with it.
    [LoggerMessage(41, LogLevel.Warning, "The {Input} input is incomplete: bad rows skipped {Described}; {DamagedCount} damaged input(s) follow")]
    public static partial void InputIncomplete(ILogger logger, string input, string described, int damagedCount);

    [LoggerMessage(42, LogLevel.Warning, "The {Input} input is incomplete: {Damage}")]
    public static partial void InputDamaged(ILogger logger, string input, string damage);

    [LoggerMessage(40, LogLevel.Error, "The {Input} input stopped after {Published} events: {Reason}; raise {Key} and restart")]
    public static partial void SymbolTableFull(ILogger logger, string input, long published, string reason, string key);
}
