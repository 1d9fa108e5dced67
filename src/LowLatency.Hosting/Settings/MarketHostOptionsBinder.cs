using System.Runtime;
using LowLatency.Engine;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Ticks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LowLatency.Hosting.Settings;

/// <summary>
/// Binds <see cref="MarketHostOptions"/> from a configuration section (with generated, reflection-free code). Enum
/// settings are checked first, so "WaitStrategy": "Fast" fails with the accepted names rather than the binder's
/// generic "failed to convert".
/// </summary>
internal static class MarketHostOptionsBinder
{
    public static void Bind(IConfiguration section, MarketHostOptions options)
    {
        string path = section is IConfigurationSection s ? s.Path : MarketHostOptions.SectionName;
        var errors = new List<string>();
        CheckEnum<ProducerType>(section, path, "ProducerType", errors);
        CheckEnum<WaitStrategyKind>(section, path, "WaitStrategy", errors);
        CheckEnum<StageTopology>(section, path, "Topology", errors);
        CheckEnum<ExceptionPolicy>(section, path, "ExceptionPolicy", errors);
        CheckEnum<InputKind>(section, path, "Input", errors);
        CheckEnum<SignalQueueFullMode>(section, path, "SignalQueueFullMode", errors);
        CheckEnum<GCLatencyMode>(section, path, "GcLatencyMode", errors);
        CheckEnum<GeneratorModel>(section, path, "Generator:Model", errors);
        CheckEnum<TickFormat>(section, path, "Ticks:Format", errors);
        CheckEnum<ThreadPriority>(section, path, "Threads:Priority", errors);
        foreach (IConfigurationSection parameter in section.GetSection("Strategy:Parameters").GetChildren())
        {
            if (parameter.GetChildren().Any())
            {
                // Bound, it would be dropped silently and the strategy would run on its default.
                errors.Add($"{path}:Strategy:Parameters:{parameter.Key} must be a single value, not a section.");
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(MarketHostOptions), errors);
        }

        section.Bind(options);
    }

    private static void CheckEnum<TEnum>(IConfiguration section, string path, string key, List<string> errors)
        where TEnum : struct, Enum
    {
        string? value = section[key];
        if (value is not null && !Enum.TryParse<TEnum>(value, ignoreCase: true, out _))
        {
            errors.Add($"{path}:{key} must be one of {string.Join(", ", Enum.GetNames<TEnum>())} (got '{value}').");
        }
    }
}
