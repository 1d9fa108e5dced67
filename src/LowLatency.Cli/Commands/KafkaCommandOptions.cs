using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using LowLatency.Kafka;

namespace LowLatency.Cli.Commands;

/// <summary>Where the cluster is and how to reach it: the options every <c>bridge</c> command that talks to Kafka shares.</summary>
internal sealed class KafkaCommandOptions
{
    public KafkaCommandOptions()
    {
        Properties.Validators.Add(r =>
        {
            foreach (string pair in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (pair.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    // The value may be a secret: name only what came before it.
                    r.AddError($"--property: expected key=value (got '{pair.Split('=')[0]}' without a key=value form).");
                }
            }
        });
    }

    public Option<string> Brokers { get; } = new("--brokers")
    {
        Description = "bootstrap.servers of the cluster, host:port[,host:port...].",
        Required = true,
        CustomParser = ParseBrokers,
    };

    public Option<string[]> Properties { get; } = new("--property", "-X")
    {
        Description = "Extra librdkafka property key=value (security.protocol, sasl.*, ssl.*); repeatable. Values are never printed.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string> Topic { get; } = new("--topic")
    {
        Description = "Tick topic.",
        Required = true,
        CustomParser = OptionParsers.ParseName,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Brokers);
        command.Options.Add(Properties);
        command.Options.Add(Topic);
    }

    public KafkaSettings Bind(ParseResult parse)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in parse.GetValue(Properties) ?? [])
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            properties[pair[..eq]] = pair[(eq + 1)..];
        }

        return new KafkaSettings { BootstrapServers = parse.GetValue(Brokers)!, Properties = properties };
    }

    /// <summary>host:port[,host:port...], each optionally with a scheme (SSL://host:port), ports 1 to 65535: caught
    /// here, a typo would otherwise have the client retry an address that can never answer.</summary>
    private static string ParseBrokers(ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        foreach (string broker in text.Split(','))
        {
            string address = broker.Trim();
            int scheme = address.IndexOf("://", StringComparison.Ordinal);
            address = scheme >= 0 ? address[(scheme + 3)..] : address;
            int colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65_535)
            {
                result.AddError($"--brokers: '{broker.Trim()}' is not host:port with a port from 1 to 65535 (expected host:port[,host:port...]).");
                break;
            }
        }

        return text;
    }
}
