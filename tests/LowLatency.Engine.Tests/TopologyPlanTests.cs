using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

public sealed class TopologyPlanTests
{
    [Theory]
    [InlineData(StageTopology.Threaded, 3, 2, 1, 3)]
    [InlineData(StageTopology.Fused, 3, 64, 1, 1)]
    [InlineData(StageTopology.Auto, 3, 2, 1, 1)]   // this machine: producer + one stage thread
    [InlineData(StageTopology.Auto, 3, 3, 1, 2)]
    [InlineData(StageTopology.Auto, 3, 4, 1, 3)]   // a core per busy thread
    [InlineData(StageTopology.Auto, 3, 16, 1, 3)]
    [InlineData(StageTopology.Auto, 3, 2, 4, 1)]   // producers take every core: still one stage thread
    [InlineData(StageTopology.Auto, 5, 4, 0, 4)]
    [InlineData(StageTopology.Auto, 0, 4, 1, 0)]
    public void ThreadCount_FollowsTheRule(StageTopology topology, int stages, int cores, int producers, int expected) =>
        Assert.Equal(expected, TopologyPlan.ThreadCount(topology, stages, cores, producers));

    [Theory]
    [InlineData(3, 1, new[] { 3 })]
    [InlineData(3, 2, new[] { 2, 1 })]
    [InlineData(3, 3, new[] { 1, 1, 1 })]
    [InlineData(7, 3, new[] { 3, 2, 2 })]
    public void Split_ConsecutiveRunsAsEvenAsPossible(int stages, int threads, int[] expected) =>
        Assert.Equal(expected, TopologyPlan.Split(stages, threads));

    [Fact]
    public void ThreadCount_BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TopologyPlan.ThreadCount(StageTopology.Auto, 3, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopologyPlan.ThreadCount(StageTopology.Auto, 3, 2, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopologyPlan.ThreadCount((StageTopology)42, 3, 2, 1));
    }

    [Theory]
    [InlineData(StageTopology.Fused, 8, "a+b+c")]
    [InlineData(StageTopology.Threaded, 2, "a|b|c")]
    [InlineData(StageTopology.Auto, 2, "a+b+c")]
    [InlineData(StageTopology.Auto, 3, "a+b|c")]
    [InlineData(StageTopology.Auto, 4, "a|b|c")]
    public void Start_StageThreads_FollowTheTopologyInOrder(StageTopology topology, int cores, string expected)
    {
        using var pipeline = new EventPipeline<TestEvent>(64) { Topology = topology, Cores = cores };
        pipeline.HandleEventsWith(new CountingHandler(), new HandlerOptions { Name = "a" })
            .Then(new CountingHandler(), new HandlerOptions { Name = "b" })
            .Then(new CountingHandler(), new HandlerOptions { Name = "c" });
        Assert.Empty(pipeline.StageThreads);

        pipeline.Start();

        Assert.Equal(expected, string.Join('|', pipeline.StageThreads.Select(t => string.Join('+', t.Select(s => s.Name)))));
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
    }

    /// <summary>The plan a pipeline would start, and the one Start hands over before any thread runs, are the threads it
    /// starts; a second Start refuses before handing anything over, so nothing sized for a running plan is touched.</summary>
    [Theory]
    [InlineData(StageTopology.Auto, 2, "a+b+c")]
    [InlineData(StageTopology.Auto, 3, "a+b|c")]
    [InlineData(StageTopology.Threaded, 2, "a|b|c")]
    public void Start_HandsOverThePlanBeforeAnyThreadRuns(StageTopology topology, int cores, string expected)
    {
        using var pipeline = new EventPipeline<TestEvent>(64) { Topology = topology, Cores = cores };
        pipeline.HandleEventsWith(new CountingHandler(), new HandlerOptions { Name = "a" })
            .Then(new CountingHandler(), new HandlerOptions { Name = "b" })
            .Then(new CountingHandler(), new HandlerOptions { Name = "c" });
        static string Layout(IReadOnlyList<IReadOnlyList<IEventProcessor>> threads) =>
            string.Join('|', threads.Select(t => string.Join('+', t.Select(s => s.Name))));
        string? handedOver = null;
        bool anyRunning = true;

        Assert.Equal(expected, Layout(pipeline.PlanStageThreads()));
        pipeline.Start(threads =>
        {
            handedOver = Layout(threads);
            anyRunning = pipeline.Processors.Any(p => p.IsRunning);
        });

        Assert.Equal(expected, handedOver);
        Assert.False(anyRunning);
        Assert.Equal(expected, Layout(pipeline.StageThreads));
        bool calledAgain = false;
        Assert.Throws<InvalidOperationException>(() => pipeline.Start(_ => calledAgain = true));
        Assert.False(calledAgain);
        Assert.True(pipeline.Shutdown(Timeouts.Safety));
    }
}
