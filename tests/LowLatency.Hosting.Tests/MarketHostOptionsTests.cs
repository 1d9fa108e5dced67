using LowLatency.Engine;
using LowLatency.Hosting.Tests.Support;
using LowLatency.Market;
using LowLatency.Market.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LowLatency.Hosting.Tests;

public sealed class MarketHostOptionsTests
{
    [Fact]
    public void Bind_EverySection_ReachesThePipeline()
    {
        using IHost host = TestHosts.Build(settings: new Dictionary<string, string?>
        {
            ["LowLatency:RingSize"] = "4096",
            ["LowLatency:ProducerType"] = "multi",
            ["LowLatency:WaitStrategy"] = "Blocking",
            ["LowLatency:ExceptionPolicy"] = "Halt",
            ["LowLatency:RecordLatency"] = "true",
            ["LowLatency:SymbolCapacity"] = "16",
            ["LowLatency:Symbols:0"] = "AAPL",
            ["LowLatency:Symbols:1"] = "MSFT",
            ["LowLatency:Filter:AllowedSymbols:0"] = "MSFT",
            ["LowLatency:Filter:MaxSize"] = "5000.5",
            ["LowLatency:Filter:PriceBand"] = "0",
            ["LowLatency:Aggregator:RollingBucketCount"] = "10",
            ["LowLatency:Strategy:Kind"] = "VwapMeanReversion",
            ["LowLatency:Strategy:BuyBelow"] = "99.25",
            ["LowLatency:Strategy:SellAbove"] = "101.75",
            ["LowLatency:Strategy:OrderQuantity"] = "0.5",
            ["LowLatency:Threads:Priority"] = "AboveNormal",
            ["LowLatency:Health:MaxLagDuration"] = "00:00:02",
            ["LowLatency:DrainTimeout"] = "00:00:03",
            ["LowLatency:SignalQueueFullMode"] = "Fail",
        });

        MarketPipelineService service = host.Service();
        MarketPipelineOptions pipeline = service.Pipeline.Options;
        Assert.Equal(4096, pipeline.RingSize);
        Assert.Equal(ProducerType.Multi, service.Pipeline.RingBuffer.ProducerType);
        Assert.Equal(WaitStrategyKind.Blocking, pipeline.WaitStrategy);
        Assert.Equal(ExceptionPolicy.Halt, pipeline.ExceptionPolicy);
        Assert.NotNull(service.Pipeline.Latency);
        Assert.Equal(16, service.Symbols.Capacity);
        Assert.Equal(["AAPL", "MSFT"], [service.Symbols.GetName(new SymbolId(0)), service.Symbols.GetName(new SymbolId(1))]);
        Assert.Equal([new SymbolId(1)], pipeline.Filter.AllowedSymbols!);
        Assert.Equal(FixedPoint.Parse("5000.5"), pipeline.Filter.MaxSize);
        Assert.Equal(FixedPoint.Zero, pipeline.Filter.PriceBand);
        Assert.Equal(10, pipeline.Aggregator.RollingBucketCount);
        Assert.Equal(StrategyKind.VwapMeanReversion, pipeline.Strategy.Kind);
        Assert.Equal(FixedPoint.Parse("99.25"), pipeline.Strategy.BuyBelow);
        Assert.Equal(FixedPoint.Parse("101.75"), pipeline.Strategy.SellAbove);
        Assert.Equal(FixedPoint.Parse("0.5"), pipeline.Strategy.OrderQuantity);
        Assert.Equal(ThreadPriority.AboveNormal, service.Pipeline.Pipeline.ThreadPriority);
        Assert.Equal(TimeSpan.FromSeconds(2), service.Options.Health.MaxLagDuration);
        Assert.Equal(TimeSpan.FromSeconds(3), service.Options.DrainTimeout);
        Assert.Equal(SignalQueueFullMode.Fail, service.Options.SignalQueueFullMode);
    }

    [Fact]
    public void Bind_CommandLineOverEnvironmentOverFile_LastSourceWins()
    {
        string prefix = $"LLTEST{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "LowLatency__RingSize", "2048");
        Environment.SetEnvironmentVariable(prefix + "LowLatency__WaitStrategy", "Yielding");
        try
        {
            HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration
                .AddInMemoryCollection([new("LowLatency:RingSize", "1024"), new("LowLatency:Input", "None"), new("LowLatency:StatusInterval", "00:00:01")])
                .AddEnvironmentVariables(prefix)
                .AddCommandLine(["--LowLatency:RingSize=8192"]);
            builder.Services.AddMarketPipeline(builder.Configuration.GetSection(MarketHostOptions.SectionName));
            using IHost host = builder.Build();

            MarketHostOptions options = host.Services.GetRequiredService<IOptions<MarketHostOptions>>().Value;
            Assert.Equal(8192, options.RingSize);
            Assert.Equal(WaitStrategyKind.Yielding, options.WaitStrategy);
            Assert.Equal(TimeSpan.FromSeconds(1), options.StatusInterval);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "LowLatency__RingSize", null);
            Environment.SetEnvironmentVariable(prefix + "LowLatency__WaitStrategy", null);
        }
    }

    [Fact]
    public void Configure_InCode_OverridesConfiguration()
    {
        using IHost host = TestHosts.Build(o => o.RingSize = 256, settings: [new("LowLatency:RingSize", "4096")]);
        Assert.Equal(256, host.Service().Pipeline.RingBuffer.BufferSize);
    }

    [Theory]
    [InlineData("RingSize", "1000", "LowLatency:RingSize must be a power of two between 2 and 1073741824 (got 1000).")]
    [InlineData("RingSize", "0", "LowLatency:RingSize must be a power of two")]
    [InlineData("WaitStrategy", "Fastest", "LowLatency:WaitStrategy must be one of Hybrid, Yielding, BusySpin, Sleeping, Blocking (got 'Fastest').")]
    [InlineData("WaitStrategy", "7", "LowLatency:WaitStrategy must be one of Hybrid, Yielding, BusySpin, Sleeping, Blocking (got 7).")]
    [InlineData("ExceptionPolicy", "Ignore", "LowLatency:ExceptionPolicy must be one of LogAndContinue, Halt (got 'Ignore').")]
    [InlineData("Strategy:Kind", "Momentum", "LowLatency:Strategy:Kind must be one of Threshold, VwapMeanReversion")]
    [InlineData("SignalQueueCapacity", "100", "LowLatency:SignalQueueCapacity must be a power of two")]
    [InlineData("DrainTimeout", "00:00:00", "LowLatency:DrainTimeout must be positive")]
    [InlineData("Strategy:SellAbove", "10", "LowLatency:Strategy:SellAbove must be at least BuyBelow")]
    [InlineData("Filter:PriceBand", "0.5", "LowLatency:Filter:PriceBand must be 0 (off) or at least 1")]
    [InlineData("Strategy:OrderQuantity", "0.000000001", "LowLatency:Strategy:OrderQuantity must be positive, with at most 8 decimals")]
    [InlineData("Threads:FilterCpu", "4096", "LowLatency:Threads:")]
    [InlineData("Input", "Ticks", "LowLatency:Ticks:Paths must name at least one tick file when Input is Ticks.")]
    public async Task Start_InvalidSetting_FailsWithMessageNamingIt(string key, string value, string expected)
    {
        using IHost host = TestHosts.Build(settings: [new("LowLatency:" + key, value)]);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken))
            .WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public async Task Start_SeveralInvalidSettings_ReportsEveryOne()
    {
        using IHost host = TestHosts.Build(settings: new Dictionary<string, string?>
        {
            ["LowLatency:RingSize"] = "3",
            ["LowLatency:DrainTimeout"] = "-00:00:01",
            ["LowLatency:Input"] = "Ticks",
            ["LowLatency:Ticks:Paths:0"] = "/no/such/file.csv",
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken))
            .WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("LowLatency:RingSize", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("LowLatency:DrainTimeout", StringComparison.Ordinal));
        Assert.Contains("LowLatency:Ticks:Paths:0 '/no/such/file.csv' is not an existing file.", ex.Failures);
    }

    [Fact]
    public async Task Start_UnparsableNumber_FailsNamingTheSetting()
    {
        using IHost host = TestHosts.Build(settings: [new("LowLatency:RingSize", "lots")]);

        var ex = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken))
            .WaitAsync(TestHosts.Timeout, TestContext.Current.CancellationToken);
        Assert.Contains("LowLatency:RingSize", ex.Message);
    }

    [Fact]
    public void Build_AnotherSectionName_MessagesUseThatPath()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Engines:Market:RingSize", "12")]);
        builder.Services.AddMarketPipeline(builder.Configuration.GetSection("Engines:Market"));
        using IHost host = builder.Build();

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<MarketHostOptions>>().Value);
        Assert.StartsWith("Engines:Market:RingSize must be a power of two", ex.Message, StringComparison.Ordinal);
    }
}
