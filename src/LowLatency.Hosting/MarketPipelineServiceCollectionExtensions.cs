using System.Diagnostics.Metrics;
using LowLatency.Hosting.Internal;
using LowLatency.Hosting.Settings;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LowLatency.Hosting;

public static class MarketPipelineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the market pipeline running your strategy <typeparamref name="TStrategy"/> as a hosted service. Options
    /// are bound from <paramref name="configuration"/> (normally <c>builder.Configuration.GetSection("LowLatency")</c>)
    /// and then <paramref name="configure"/>; the strategy's parameters come from <c>Strategy:Parameters</c>; all are
    /// validated when the host starts, each bad one named by its key. <paramref name="stages"/> may add your own
    /// stages to the pipeline (<see cref="MarketPipelineBuilder.AfterStrategy"/>, ...). Registers
    /// <see cref="MarketPipelineService"/>, <see cref="MarketPublisher"/>, <see cref="SignalHub"/>,
    /// <see cref="MarketPipeline"/>, <see cref="SymbolTable"/>, the "LowLatency" meter and the
    /// <see cref="MarketPipelineHealthCheck"/>.
    /// </summary>
    public static IServiceCollection AddMarketPipeline<TStrategy>(this IServiceCollection services, IConfiguration? configuration,
        Action<MarketHostOptions>? configure = null, Action<MarketPipelineBuilder>? stages = null)
        where TStrategy : struct, IStrategy<TStrategy> =>
        services.AddMarketPipeline(new HostedStrategy(StrategyCatalog.WithBuiltIns(), StrategyDefinition.For<TStrategy>(), stages),
            configuration, configure);

    /// <summary>
    /// Adds the market pipeline as a hosted service running a built-in strategy chosen by <c>Strategy:Name</c>
    /// (default <c>threshold</c>), or one of <paramref name="strategies"/>; otherwise as
    /// <see cref="AddMarketPipeline{TStrategy}"/>.
    /// </summary>
    public static IServiceCollection AddMarketPipeline(this IServiceCollection services, IConfiguration? configuration,
        Action<MarketHostOptions>? configure = null, StrategyCatalog? strategies = null, Action<MarketPipelineBuilder>? stages = null) =>
        services.AddMarketPipeline(new HostedStrategy(strategies ?? StrategyCatalog.WithBuiltIns(), null, stages), configuration, configure);

    /// <summary>Adds the market pipeline configured in code only (no configuration section).</summary>
    public static IServiceCollection AddMarketPipeline(this IServiceCollection services, Action<MarketHostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddMarketPipeline(configuration: null, configure);
    }

    private static IServiceCollection AddMarketPipeline(this IServiceCollection services, HostedStrategy strategy, IConfiguration? configuration,
        Action<MarketHostOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MarketHostOptions> options = services.AddOptions<MarketHostOptions>();
        if (configuration is not null)
        {
            options.Configure(o => MarketHostOptionsBinder.Bind(configuration, o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        string path = configuration is IConfigurationSection section ? section.Path : MarketHostOptions.SectionName;
        services.AddSingleton<IValidateOptions<MarketHostOptions>>(new MarketHostOptionsValidator(path, strategy));

        services.AddMetrics();
        services.AddSingleton(sp => new MarketPipelineService(
            sp.GetRequiredService<IOptions<MarketHostOptions>>(),
            strategy,
            path,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetService<IMeterFactory>(),
            sp.GetService<IHostApplicationLifetime>()));
        services.AddHostedService(sp => sp.GetRequiredService<MarketPipelineService>());
        services.AddSingleton(sp => sp.GetRequiredService<MarketPipelineService>().Publisher);
        services.AddSingleton(sp => sp.GetRequiredService<MarketPipelineService>().Signals);
        services.AddSingleton(sp => sp.GetRequiredService<MarketPipelineService>().Pipeline);
        services.AddSingleton(sp => sp.GetRequiredService<MarketPipelineService>().Symbols);
        services.AddHealthChecks().AddCheck<MarketPipelineHealthCheck>(MarketPipelineHealthCheck.Name);
        return services;
    }
}
