using LowLatency.Engine;
using LowLatency.Market;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// What every ring rig does around its own publishing: claims that block too long are ended by a
/// <see cref="Watchdog"/>, the wait for the last stage is bounded, a halt surfaces the stage's fault, and the stop
/// insists on a full drain. The rigs differ only in how they wire the handlers and how they publish.
/// </summary>
internal sealed class RingRigRunner
{
    private readonly EventPipeline<MarketEvent> _pipeline;
    private readonly Sequence[] _lastStage;
    private readonly Watchdog _watchdog;
    private readonly string _name;

    /// <summary>Starts <paramref name="pipeline"/>; <paramref name="lastStage"/> are the sequences a run waits for.</summary>
    public RingRigRunner(string name, EventPipeline<MarketEvent> pipeline, Sequence[] lastStage)
    {
        _name = name;
        _pipeline = pipeline;
        _lastStage = lastStage;
        _watchdog = new Watchdog(pipeline.Halt);
        pipeline.Start();
    }

    /// <summary>Events published by every run so far.</summary>
    public long Published { get; private set; }

    /// <summary>Runs <paramref name="publish"/> for <paramref name="eventCount"/> events, then waits (bounded) until every
    /// last-stage handler has handled the last of them.</summary>
    public void Run(int eventCount, Action<int> publish, string waitingFor)
    {
        _watchdog.Arm();
        try
        {
            publish(eventCount);
        }
        catch (PipelineHaltedException ex) when (_watchdog.Fired)
        {
            throw new TimeoutException($"{_name}: a claim waited more than {BoundedSpin.Timeout.TotalSeconds:0} s for the handlers.", ex);
        }

        Published += eventCount;
        var spin = new BoundedSpin();
        while (Sequence.Minimum(_lastStage, long.MaxValue) < Published - 1)
        {
            if (_pipeline.State == PipelineState.Halted)
            {
                throw new InvalidOperationException($"{_name}: the pipeline halted.", _pipeline.HaltingFault?.Exception);
            }

            spin.SpinOnce(waitingFor);
        }

        _watchdog.Disarm();
    }

    /// <summary>Stops the watchdog, then whatever else produces (<paramref name="stopProducers"/>), then shuts the
    /// pipeline down; throws unless every published event was drained through every stage.</summary>
    public void Stop(Action? stopProducers = null)
    {
        _watchdog.Dispose();
        stopProducers?.Invoke();
        bool drained = _pipeline.Shutdown(BoundedSpin.Timeout);
        _pipeline.Dispose();
        if (!drained)
        {
            throw new InvalidOperationException($"{_name}: the pipeline did not drain on shutdown ({_pipeline.State}).");
        }
    }
}
