using System.Text.RegularExpressions;
using LowLatency.Kafka;

namespace LowLatency.Cli.Commands;

/// <summary>
/// librdkafka checks <c>--property</c> (<c>-X</c>) settings only when a client is built, and throws with its own text,
/// which can quote the value (a password, say). This turns that into one line naming the property alone, exit 2.
/// </summary>
internal static partial class KafkaClientGuard
{
    public static T Build<T>(KafkaSettings settings, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception ex) when (QuotedProperty(settings, ex.Message) is { } key)
        {
            throw new OptionException(ex.Message.Contains("No such configuration property", StringComparison.Ordinal)
                ? $"--property {key}: not a Kafka client property."
                : $"--property {key}: the Kafka client refused its value (not shown: it may be a secret).", ex);
        }
    }

    /// <summary>The -X key the client's message names in quotes (the longest, if one contains another), else the
    /// property it names: librdkafka says "request.required.acks" for -X acks=..., an alias.</summary>
    private static string? QuotedProperty(KafkaSettings settings, string message) =>
        settings.Properties.Keys.Where(key => message.Contains('"' + key + '"', StringComparison.Ordinal)).MaxBy(key => key.Length)
        ?? (settings.Properties.Count > 0 && ConfigurationProperty().Match(message) is { Success: true } named ? named.Groups[1].Value : null);

    [GeneratedRegex("configuration property \"([^\"]+)\"")]
    private static partial Regex ConfigurationProperty();
}
