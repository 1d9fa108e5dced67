using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LowLatency.Kafka.Hosting.Internal;

/// <summary>
/// Checks the bridge's settings once, at start, naming each bad one by its key (<c>LowLatency:Kafka:Topic</c>), so a
/// misconfigured host fails to start instead of consuming nothing. Property values are never put in a message.
/// </summary>
internal sealed class KafkaBridgeHostOptionsValidator(string sectionPath, bool pipelineRegistered) : IValidateOptions<KafkaBridgeHostOptions>
{
    private const int MaxTopicLength = 249; // Kafka's own limit

    // librdkafka properties the bridge sets itself, and why they may not be overridden through Properties.
    private static readonly Dictionary<string, string> s_reservedProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bootstrap.servers"] = "use BootstrapServers.",
        ["group.id"] = "use GroupId.",
        ["enable.auto.commit"] = "the bridge commits an offset only after the strategy stage has finished that tick (at least once).",
    };

    /// <summary>Binds, after checking the enum keys, so "TimestampUnit": "Minutes" fails with the accepted names rather
    /// than the binder's generic "failed to convert".</summary>
    public static void Bind(IConfiguration configuration, KafkaBridgeHostOptions options)
    {
        string path = configuration is IConfigurationSection section ? section.Path : KafkaBridgeHostOptions.SectionName;
        string? unit = configuration[nameof(KafkaBridgeHostOptions.TimestampUnit)];
        if (unit is not null && !Enum.TryParse<JsonTimestampUnit>(unit, ignoreCase: true, out _))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KafkaBridgeHostOptions),
                [$"{path}:TimestampUnit must be one of {string.Join(", ", Enum.GetNames<JsonTimestampUnit>())} (got '{unit}')."]);
        }

        configuration.Bind(options);
    }

    public ValidateOptionsResult Validate(string? name, KafkaBridgeHostOptions options)
    {
        var errors = new List<string>();
        void Fail(string key, string message) => errors.Add($"{sectionPath}:{key} {message}");

        if (!pipelineRegistered)
        {
            errors.Add($"{sectionPath} configures the Kafka bridge of the market pipeline: call services.AddMarketPipeline(...) as well.");
        }

        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            Fail("BootstrapServers", "is required (the cluster's bootstrap.servers, e.g. kafka1:9092).");
        }

        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            Fail("GroupId", "is required (the consumer group the bridge commits its offsets under).");
        }

        if (string.IsNullOrEmpty(options.Topic))
        {
            Fail("Topic", "is required (the tick topic to consume).");
        }
        else
        {
            CheckTopicName("Topic", options.Topic, Fail);
        }

        CheckOutputTopic("SignalsTopic", options.SignalsTopic, options.Topic, Fail);
        CheckOutputTopic("DeadLetterTopic", options.DeadLetterTopic, options.Topic, Fail);

        if (options.CommitInterval <= TimeSpan.Zero)
        {
            Fail("CommitInterval", $"must be positive (got {options.CommitInterval}).");
        }

        if (options.DrainTimeout <= TimeSpan.Zero)
        {
            Fail("DrainTimeout", $"must be positive (got {options.DrainTimeout}).");
        }

        if (!Enum.IsDefined(options.TimestampUnit))
        {
            Fail("TimestampUnit", $"must be one of {string.Join(", ", Enum.GetNames<JsonTimestampUnit>())} (got {options.TimestampUnit}).");
        }

        foreach (KeyValuePair<string, string> property in options.Properties ?? [])
        {
            if (string.IsNullOrWhiteSpace(property.Key))
            {
                Fail("Properties", "contains an empty property name.");
            }
            else if (s_reservedProperties.TryGetValue(property.Key.Trim(), out string? reason))
            {
                Fail("Properties:" + property.Key, "must not be set here: " + reason);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckOutputTopic(string key, string? topic, string? input, Action<string, string> fail)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return; // optional
        }

        if (string.Equals(topic, input, StringComparison.Ordinal))
        {
            fail(key, $"must differ from Topic: the bridge would consume what it writes there (got '{topic}').");
            return;
        }

        CheckTopicName(key, topic, fail);
    }

    private static void CheckTopicName(string key, string topic, Action<string, string> fail)
    {
        bool legal = topic.Length <= MaxTopicLength && topic is not ("." or "..");
        foreach (char c in topic)
        {
            legal &= char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
        }

        if (!legal)
        {
            fail(key, $"must be a Kafka topic name: 1 to {MaxTopicLength} of a-z, A-Z, 0-9, '.', '_', '-' (got '{topic}').");
        }
    }
}
