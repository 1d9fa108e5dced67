using System.CommandLine;
using LowLatency.Ticks;

namespace LowLatency.Cli.Commands;

/// <summary>Options of every command that reads tick files: format override and bad-row handling.</summary>
internal sealed class TickInputOptions
{
    public Option<TickFormat> Format { get; } = new("--format")
    {
        Description = "Input format: Auto (default: by content and extension), Journal, Lean, Binance, Csv, Parquet.",
        DefaultValueFactory = _ => TickFormat.Auto,
        CustomParser = r => OptionParsers.ParseEnum(r, TickFormat.Auto),
    };

    public Option<bool> SkipBadRows { get; } = new("--skip-bad-rows")
    {
        Description = "Count and skip malformed rows instead of stopping at the first one.",
    };

    public Option<string?> Symbol { get; } = new("--symbol")
    {
        Description = "Symbol for inputs that carry none (a CSV without a symbol column).",
        CustomParser = SymbolListParser.ParseOne,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(SkipBadRows);
        command.Options.Add(Symbol);
    }

    public TickReadOptions Bind(ParseResult parse) => new()
    {
        Format = parse.GetValue(Format),
        SkipBadRows = parse.GetValue(SkipBadRows),
        Symbol = parse.GetValue(Symbol),
    };
}
