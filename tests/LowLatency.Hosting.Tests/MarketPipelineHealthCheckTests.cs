using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace LowLatency.Hosting.Tests;

public sealed class MarketPipelineHealthCheckTests
{
    [Fact]
    public async Task Check_BeforeStartRunningAndAfterStop_ReportsTheState()
    {
        using IHost host = TestHosts.Build();
        Assert.Equal((HealthStatus.Unhealthy, "The pipeline has not started."), await Check(host));

        await host.StartBounded();
        Assert.Equal((HealthStatus.Healthy, "Running; lag 0."), await Check(host));

        await host.StopBounded();
        Assert.Equal((HealthStatus.Unhealthy, "The pipeline has stopped."), await Check(host));
    }

    [Fact]
    public async Task Check_LagAboveLimitLongerThanAllowed_IsUnhealthyUntilItClears()
    {
        // A producer that claimed a slot and has not published it stalls every stage at that slot: lag builds up.
        using IHost host = TestHosts.Build(o =>
        {
            o.ProducerType = ProducerType.Multi;
            o.Health.MaxLag = 10;
            o.Health.MaxLagDuration = TimeSpan.FromMilliseconds(300);
        });
        await host.StartBounded();
        MarketPipelineService service = host.Service();
        SymbolId aapl = service.Symbols.GetOrAdd("AAPL");
        RingBuffer<MarketEvent> ring = service.Pipeline.RingBuffer;
        long stalled = ring.Next();
        ring[stalled] = TestHosts.Trade(aapl, 1);
        for (int i = 0; i < 50; i++)
        {
            service.Publisher.Publish(TestHosts.Trade(aapl, i + 2));
        }

        var seen = new List<HealthStatus>();
        Assert.True(await TestHosts.Eventually(() =>
        {
            seen.Add(Check(host).GetAwaiter().GetResult().Status);
            return seen[^1] == HealthStatus.Unhealthy;
        }));
        (HealthStatus _, string description) = await Check(host);
        Assert.StartsWith("Lag has stayed above 10 events for", description, StringComparison.Ordinal);
        Assert.EndsWith("now 51.", description, StringComparison.Ordinal);
        Assert.DoesNotContain(HealthStatus.Healthy, seen.SkipWhile(s => s == HealthStatus.Healthy));

        ring.Publish(stalled);
        Assert.True(await TestHosts.Eventually(() => Check(host).GetAwaiter().GetResult().Status == HealthStatus.Healthy));
        await host.StopBounded();
        Assert.All(service.Report!.Stages, s => Assert.Equal(51, s.Processed));
    }

    private static async Task<(HealthStatus Status, string Description)> Check(IHost host)
    {
        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
        HealthReportEntry entry = report.Entries[MarketPipelineHealthCheck.Name];
        return (entry.Status, entry.Description!);
    }
}
