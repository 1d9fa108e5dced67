using System.CommandLine;
using System.Text.Json;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Commands;

/// <summary>
/// <c>--strategy NAME</c>, <c>--strategy-param key=value</c> (repeatable) and <c>--strategy-settings FILE</c> (a JSON
/// object of parameters; the command line wins over the file). Bound and validated against the strategy before
/// anything runs, so a bad key or value is one line and exit code 2.
/// </summary>
internal sealed class StrategyCommandOptions
{
    private readonly StrategyCatalog _catalog;

    public StrategyCommandOptions(StrategyCatalog catalog)
    {
        _catalog = catalog;
        Strategy = new Option<string>("--strategy")
        {
            Description = $"Strategy to run: {string.Join(", ", catalog.All.Select(d => d.Name))} (default {catalog.Default.Name}). " +
                "'strategies' lists their parameters.",
            DefaultValueFactory = _ => catalog.Default.Name,
        };
        Strategy.Validators.Add(r =>
        {
            string name = r.GetValueOrDefault<string>() ?? "";
            if (!catalog.TryGet(name, out _))
            {
                r.AddError($"--strategy: unknown strategy '{name}'; registered: {string.Join(", ", catalog.All.Select(d => d.Name))}.");
            }
        });
        Parameters.Validators.Add(r =>
        {
            foreach (string pair in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!pair.Contains('=', StringComparison.Ordinal) || pair.IndexOf('=', StringComparison.Ordinal) == 0)
                {
                    r.AddError($"--strategy-param: '{pair}' is not key=value.");
                }
            }
        });
    }

    public Option<string> Strategy { get; }

    public Option<string[]> Parameters { get; } = new("--strategy-param")
    {
        Description = "A strategy parameter as key=value; repeat for more. Overrides --strategy-settings.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<FileInfo?> Settings { get; } = new("--strategy-settings")
    {
        Description = "A JSON file with an object of strategy parameters, e.g. {\"entry-bps\": 10}.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Strategy);
        command.Options.Add(Parameters);
        command.Options.Add(Settings);
    }

    /// <summary>The chosen strategy and its parameters, validated (throws <see cref="StrategyParameterException"/>
    /// or <see cref="OptionException"/> with one line).</summary>
    public (StrategyDefinition Definition, StrategyParameters Parameters) Bind(ParseResult parse)
    {
        StrategyDefinition definition = _catalog.Get(parse.GetValue(Strategy)!);
        var fromCommandLine = new StrategyParameters(
            (parse.GetValue(Parameters) ?? []).Select(pair =>
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                return new KeyValuePair<string, string?>(pair[..equals].Trim(), pair[(equals + 1)..].Trim());
            }),
            "--strategy-param {0}");
        StrategyParameters parameters = parse.GetValue(Settings) is { } file
            ? ReadSettings(file).OverriddenBy(fromCommandLine)
            : fromCommandLine;
        definition.Validate(parameters);
        return (definition, parameters);
    }

    private static StrategyParameters ReadSettings(FileInfo file)
    {
        JsonDocument document;
        try
        {
            using FileStream stream = File.OpenRead(file.FullName); // the stream overload skips a UTF-8 byte order mark
            document = JsonDocument.Parse(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OptionException($"--strategy-settings: cannot read '{file.FullName}': {ex.Message}");
        }
        catch (JsonException ex)
        {
            throw new OptionException($"--strategy-settings: '{file.FullName}' is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OptionException($"--strategy-settings: '{file.FullName}' must hold a JSON object of parameters, e.g. {{\"entry-bps\": 10}}.");
            }

            var values = new List<KeyValuePair<string, string?>>();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                string? text = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new OptionException(
                        $"--strategy-settings: '{file.FullName}': parameter '{property.Name}' must be a number, a string or true/false."),
                };
                values.Add(new(property.Name, text));
            }

            string shownFile = file.FullName.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
            return new StrategyParameters(values, "--strategy-settings " + shownFile + ": {0}");
        }
    }
}
