using LowLatency.Market;
using LowLatency.Market.Strategies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace LowLatency.Hosting.Tests.Support;

/// <summary>Hosts built like the sample's, with no defaults (no appsettings, console or environment), fake logging,
/// and no built-in input unless a test configures one.</summary>
internal static class TestHosts
{
    /// <summary>Upper bound for every start, stop, drain and poll in these tests.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A host running a built-in strategy; <paramref name="also"/> adds to the builder after the pipeline, as the
    /// sample adds the Kafka bridge and telemetry.</summary>
    public static IHost Build(Action<MarketHostOptions>? configure = null, IEnumerable<KeyValuePair<string, string?>>? settings = null,
        string[]? args = null, StrategyCatalog? strategies = null, Action<MarketPipelineBuilder>? stages = null,
        Action<HostApplicationBuilder>? also = null) =>
        Build(settings, args, (services, section) => services.AddMarketPipeline(section, configure, strategies, stages), also);

    /// <summary>A host running the test's own strategy <typeparamref name="TStrategy"/> (<c>AddMarketPipeline&lt;TStrategy&gt;</c>).</summary>
    public static IHost Build<TStrategy>(Action<MarketHostOptions>? configure = null, IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<MarketPipelineBuilder>? stages = null)
        where TStrategy : struct, IStrategy<TStrategy> =>
        Build(settings, args: null, (services, section) => services.AddMarketPipeline<TStrategy>(section, configure, stages), also: null);

    private static IHost Build(IEnumerable<KeyValuePair<string, string?>>? settings, string[]? args,
        Action<IServiceCollection, IConfigurationSection> addPipeline, Action<HostApplicationBuilder>? also)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("LowLatency:Input", "None"), new("LowLatency:RingSize", "1024")]);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (args is not null)
        {
            builder.Configuration.AddCommandLine(args);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging();
        addPipeline(builder.Services, builder.Configuration.GetSection(MarketHostOptions.SectionName));
        also?.Invoke(builder);
        return builder.Build();
    }

    public static MarketPipelineService Service(this IHost host) => host.Services.GetRequiredService<MarketPipelineService>();

    public static FakeLogCollector Logs(this IHost host) => host.Services.GetFakeLogCollector();

    public static IEnumerable<string> Messages(this IHost host, LogLevel level) =>
        host.Logs().GetSnapshot().Where(r => r.Level == level).Select(r => r.Message);

    public static async Task StartBounded(this IHost host) =>
        await host.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public static async Task StopBounded(this IHost host) =>
        await host.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    /// <summary>Starts <paramref name="host"/>, whose options must fail validation; the exception it failed with.</summary>
    public static async Task<OptionsValidationException> StartFails(this IHost host) =>
        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken))
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);

    /// <summary>Runs a blocking producer off the test thread, so a stuck ring fails the test instead of hanging it.</summary>
    public static async Task Bounded(Action action) =>
        await Task.Run(action, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public static async Task<T> Bounded<T>(Func<T> action) =>
        await Task.Run(action, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    /// <summary>Polls <paramref name="condition"/> every 10 ms; false if it is still false after <see cref="Timeout"/>.</summary>
    public static async Task<bool> Eventually(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        return true;
    }

    /// <summary>A valid trade of one unit.</summary>
    public static MarketEvent Trade(SymbolId symbol, long timestampNs, long price = 100) =>
        MarketEvent.Trade(symbol, FixedPoint.FromInt(price), FixedPoint.FromInt(1), timestampNs);
}
