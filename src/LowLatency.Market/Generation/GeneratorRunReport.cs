namespace LowLatency.Market.Generation;

/// <summary>What a <see cref="GeneratorRun"/> measured.</summary>
/// <param name="Published">Events published, warm-up included.</param>
/// <param name="MeasuredEvents">Events in the measured steady-state part (after warm-up).</param>
/// <param name="MeasuredSeconds">Wall time of the measured part: first publish until the strategy finished the last event.</param>
/// <param name="AllocatedBytes">Bytes allocated on all threads during the measured part (<c>GC.GetTotalAllocatedBytes(true)</c>).</param>
/// <param name="Drained">True when every stage processed every published event and the pipeline stopped cleanly.</param>
/// <param name="Interrupted">True when the run was cancelled (Ctrl+C, SIGTERM) before every event was published.</param>
public readonly record struct GeneratorRunReport(
    long Published,
    long MeasuredEvents,
    double MeasuredSeconds,
    long AllocatedBytes,
    bool Drained,
    bool Interrupted = false)
{
    public double EventsPerSecond => MeasuredSeconds > 0 ? MeasuredEvents / MeasuredSeconds : 0;

    public double AllocatedBytesPerEvent => MeasuredEvents > 0 ? (double)AllocatedBytes / MeasuredEvents : 0;
}
