using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

/// <summary>
/// <see cref="EventPipeline{T}.DefaultExceptionPolicy"/> applies to every handler added without its own policy,
/// whenever it is set before <see cref="EventPipeline{T}.Start()"/>.
/// </summary>
public sealed class EventPipelineExceptionPolicyTests
{
    [Fact]
    public void DefaultExceptionPolicy_SetAfterHandlerWasAdded_AppliesToThatHandler()
    {
        using var pipeline = new EventPipeline<TestEvent>(64);
        List<HandlerFault> faults = pipeline.RecordFaults();
        pipeline.HandleEventsWith(ThrowingHandler.AtSequence(0));

        pipeline.DefaultExceptionPolicy = ExceptionPolicy.Halt;

        Assert.Equal(ExceptionPolicy.Halt, pipeline.Processors[0].ExceptionPolicy);
        pipeline.Start();
        Publish.Sequential(pipeline.RingBuffer, 1);
        Assert.True(SpinWait.SpinUntil(() => pipeline.State == PipelineState.Halted, Timeouts.Safety),
            "the handler ran with the policy read when it was added (LogAndContinue)");
        Assert.Equal(0, pipeline.HaltingFault?.Sequence);
        Assert.Equal(ExceptionPolicy.Halt, Assert.Single(faults).Policy);
    }

    [Fact]
    public void DefaultExceptionPolicy_HandlerWithItsOwnPolicy_KeepsItsOwn()
    {
        using var pipeline = new EventPipeline<TestEvent>(64);
        pipeline.HandleEventsWith(new CountingHandler(), new HandlerOptions { ExceptionPolicy = ExceptionPolicy.LogAndContinue })
            .Then(new CountingHandler());

        pipeline.DefaultExceptionPolicy = ExceptionPolicy.Halt;

        Assert.Equal(ExceptionPolicy.LogAndContinue, pipeline.Processors[0].ExceptionPolicy);
        Assert.Equal(ExceptionPolicy.Halt, pipeline.Processors[1].ExceptionPolicy);
    }

    [Fact]
    public void DefaultExceptionPolicy_SetAfterStart_ThrowsAndKeepsTheRunningPolicy()
    {
        using var pipeline = new EventPipeline<TestEvent>(64);
        pipeline.HandleEventsWith(new CountingHandler());
        pipeline.Start();

        var ex = Assert.Throws<InvalidOperationException>(() => pipeline.DefaultExceptionPolicy = ExceptionPolicy.Halt);

        Assert.Contains("before Start", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExceptionPolicy.LogAndContinue, pipeline.DefaultExceptionPolicy);
        Assert.Equal(ExceptionPolicy.LogAndContinue, pipeline.Processors[0].ExceptionPolicy);
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
    }
}
