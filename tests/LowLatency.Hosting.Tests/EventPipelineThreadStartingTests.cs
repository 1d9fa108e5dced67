using System.Collections.Concurrent;
using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;

namespace LowLatency.Hosting.Tests;

/// <summary>The engine hook the host pins stage threads with (added to LowLatency.Engine for this project).</summary>
public sealed class EventPipelineThreadStartingTests
{
    [Fact]
    public void Start_ThreadStartingSet_RunsOnEachHandlersOwnThreadBeforeOnStart()
    {
        var log = new ConcurrentQueue<(string Step, string Handler, int ThreadId)>();
        using var pipeline = new EventPipeline<long>(64);
        pipeline.HandleEventsWith(new ThreadRecordingHandler(log, "a"), new HandlerOptions { Name = "a" })
            .Then(new ThreadRecordingHandler(log, "b"), new HandlerOptions { Name = "b" });
        pipeline.ThreadStarting = p => log.Enqueue(("hook", p.Name, Environment.CurrentManagedThreadId));

        pipeline.Start();
        Assert.True(pipeline.Shutdown(TestHosts.Timeout));

        foreach (string name in new[] { "a", "b" })
        {
            var steps = log.Where(e => e.Handler == name).ToList();
            Assert.Equal(["hook", "OnStart"], steps.Select(s => s.Step));
            Assert.Equal(steps[0].ThreadId, steps[1].ThreadId);
            Assert.NotEqual(Environment.CurrentManagedThreadId, steps[0].ThreadId);
        }
    }

    [Fact]
    public void Start_ThreadStartingThrows_IsReportedAsAFaultOfThatHandler()
    {
        var faults = new ConcurrentQueue<HandlerFault>();
        using var pipeline = new EventPipeline<long>(64);
        pipeline.HandleEventsWith(new ThreadRecordingHandler(new(), "a"), new HandlerOptions { Name = "a" });
        pipeline.ThreadStarting = _ => throw new InvalidOperationException("no such CPU");
        pipeline.FaultReporter = faults.Enqueue;

        pipeline.Start();
        using (var claim = pipeline.RingBuffer.ClaimNext())
        {
            claim.Event = 1;
        }

        Assert.True(pipeline.Shutdown(TestHosts.Timeout)); // LogAndContinue: the handler still runs
        HandlerFault fault = Assert.Single(faults);
        Assert.Equal(("a", Sequence.InitialValue, "no such CPU"), (fault.HandlerName, fault.Sequence, fault.Exception.Message));
        Assert.Equal(1, pipeline.Processors[0].ProcessedCount);
    }
}
