using System.CommandLine;
using LowLatency.Kafka;

namespace LowLatency.Cli.Commands;

/// <summary>Where the cluster is and how to reach it: the options every <c>bridge</c> command that talks to Kafka shares.</summary>
internal sealed class KafkaCommandOptions
{
    public KafkaCommandOptions()
    {
        Brokers.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
            {
                r.AddError("--brokers: expected host:port[,host:port...] (got an empty value).");
            }
        });
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
}
