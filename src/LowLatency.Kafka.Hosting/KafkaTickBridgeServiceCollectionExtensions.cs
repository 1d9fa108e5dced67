using LowLatency.Hosting;
using LowLatency.Kafka.Hosting.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LowLatency.Kafka.Hosting;

public static class KafkaTickBridgeServiceCollectionExtensions
{
    /// <summary>
    /// Feeds the pipeline added by <c>AddMarketPipeline</c> from a Kafka tick topic, its options bound from
    /// <paramref name="configuration"/> (normally <c>builder.Configuration.GetSection("LowLatency:Kafka")</c>) and then
    /// <paramref name="configure"/>, validated when the host starts together with what the bridge needs from the
    /// pipeline's settings (Input None, ProducerType Single). Registers <see cref="KafkaTickBridgeService"/> and the
    /// <see cref="KafkaTickBridgeHealthCheck"/>.
    /// </summary>
    /// <remarks>Pipeline keys in messages are named relative to the parent of the bridge's section
    /// ("LowLatency:Kafka" → "LowLatency:Input"), which is where the pipeline's section normally is.</remarks>
    public static IServiceCollection AddKafkaTickBridge(this IServiceCollection services, IConfiguration? configuration,
        Action<KafkaBridgeHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<KafkaBridgeHostOptions> options = services.AddOptions<KafkaBridgeHostOptions>();
        if (configuration is not null)
        {
            options.Configure(o => KafkaBridgeHostOptionsValidator.Bind(configuration, o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        string path = configuration is IConfigurationSection section ? section.Path : KafkaBridgeHostOptions.SectionName;
        string pipelinePath = ConfigurationPath.GetParentPath(path) ?? MarketHostOptions.SectionName;
        // IsService answers without constructing the pipeline service (whose own options may be invalid); a container
        // that cannot answer is trusted.
        services.AddSingleton<IValidateOptions<KafkaBridgeHostOptions>>(sp => new KafkaBridgeHostOptionsValidator(path,
            pipelineRegistered: sp.GetService<IServiceProviderIsService>()?.IsService(typeof(MarketPipelineService)) ?? true));
        services.AddSingleton<IValidateOptions<MarketHostOptions>>(new KafkaPipelineOptionsValidator(pipelinePath, path));

        services.AddSingleton(sp => new KafkaTickBridgeService(
            sp.GetRequiredService<IOptions<KafkaBridgeHostOptions>>(),
            sp.GetService<MarketPipelineService>(),
            path,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddHostedService(sp => sp.GetRequiredService<KafkaTickBridgeService>());
        services.AddHealthChecks().AddCheck<KafkaTickBridgeHealthCheck>(KafkaTickBridgeHealthCheck.Name);
        return services;
    }

    /// <summary>Adds the Kafka tick bridge configured in code only (no configuration section).</summary>
    public static IServiceCollection AddKafkaTickBridge(this IServiceCollection services, Action<KafkaBridgeHostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddKafkaTickBridge(configuration: null, configure);
    }
}
