using System.Diagnostics.Metrics;
using LowLatency.Hosting.Settings;
using LowLatency.Market;
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
    /// Adds the market pipeline as a hosted service, its options bound from <paramref name="configuration"/> (normally
    /// <c>builder.Configuration.GetSection("LowLatency")</c>) and then <paramref name="configure"/>, validated when the
    /// host starts. Registers <see cref="MarketPipelineService"/>, <see cref="MarketPublisher"/>,
    /// <see cref="SignalHub"/>, <see cref="MarketPipeline"/>, <see cref="SymbolTable"/>, the "LowLatency" meter and
    /// the <see cref="MarketPipelineHealthCheck"/>.
    /// </summary>
    public static IServiceCollection AddMarketPipeline(this IServiceCollection services, IConfiguration? configuration,
        Action<MarketHostOptions>? configure = null)
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
        services.AddSingleton<IValidateOptions<MarketHostOptions>>(new MarketHostOptionsValidator(path));

        services.AddMetrics();
        services.AddSingleton(sp => new MarketPipelineService(
            sp.GetRequiredService<IOptions<MarketHostOptions>>(),
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

    /// <summary>Adds the market pipeline configured in code only (no configuration section).</summary>
    public static IServiceCollection AddMarketPipeline(this IServiceCollection services, Action<MarketHostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddMarketPipeline(configuration: null, configure);
    }
}
