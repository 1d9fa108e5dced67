using System.CommandLine;
using LowLatency.Market.Generation;

namespace LowLatency.Cli.Commands;

/// <summary>The generator options of the commands that generate events (<c>run</c>, <c>record</c>).</summary>
internal sealed class GeneratorCommandOptions
{
    public GeneratorCommandOptions(long defaultEvents, string eventsDescription)
    {
        Events = new Option<long>("--events", "-n")
        {
            Description = eventsDescription,
            DefaultValueFactory = _ => defaultEvents,
            CustomParser = r => OptionParsers.ParseCount(r, defaultEvents, min: 1),
        };
    }

    public Option<long> Events { get; }

    public Option<string[]> Symbols { get; } = new("--symbols")
    {
        Description = "Comma-separated symbols to generate (default: AAPL,GOOGL,MSFT).",
        CustomParser = SymbolListParser.Parse,
    };

    public Option<ulong> Seed { get; } = new("--seed")
    {
        Description = "Generator seed: same seed, same events.",
        DefaultValueFactory = _ => 42,
        CustomParser = r => OptionParsers.ParseUnsigned(r, 42),
    };

    public Option<GeneratorModel> Model { get; } = new("--model")
    {
        Description = "Generator model: Classic (uniform 100-200 trades) or RandomWalk (quotes and trades on a tick grid).",
        DefaultValueFactory = _ => GeneratorModel.Classic,
        CustomParser = r => OptionParsers.ParseEnum(r, GeneratorModel.Classic),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Events);
        command.Options.Add(Symbols);
        command.Options.Add(Seed);
        command.Options.Add(Model);
    }

    /// <summary>The listed symbols, or null for the generator's defaults.</summary>
    public string[]? SymbolNames(ParseResult parse) => parse.GetValue(Symbols) is { Length: > 0 } names ? names : null;

    public MarketEventGeneratorOptions Bind(ParseResult parse) => new()
    {
        Seed = parse.GetValue(Seed),
        Model = parse.GetValue(Model),
        Symbols = SymbolNames(parse),
    };
}
