using System.CommandLine;
using System.Globalization;
using LowLatency.Market;

namespace LowLatency.Cli.Commands;

/// <summary>
/// <c>--symbol-capacity</c>, shared by every command that builds a symbol table (run, replay, record, convert, bridge
/// consume and publish), and the one error line every command prints when the table fills: per-symbol state is
/// sized once, so a run that meets more symbols stops and says how to raise it rather than skipping any.
/// </summary>
internal sealed class SymbolCapacityOption
{
    public const string Name = "--symbol-capacity";

    public Option<int> Option { get; } = new(Name)
    {
        Description = $"Most distinct symbols the run can hold (default {SymbolTable.DefaultCapacity}, at most {SymbolTable.MaxCapacity}); per-symbol state is allocated once for them. A run that meets more stops with an error.",
        DefaultValueFactory = _ => SymbolTable.DefaultCapacity,
        CustomParser = r => (int)OptionParsers.ParseCount(r, SymbolTable.DefaultCapacity, min: 1, max: SymbolTable.MaxCapacity),
    };

    public void AddTo(Command command) => command.Options.Add(Option);

    public SymbolTable NewTable(ParseResult parse) => new(parse.GetValue(Option));

    /// <summary>"error: the symbol table is full: ...; raise --symbol-capacity (e.g. to 32768) and run again."</summary>
    public static string ErrorLine(SymbolTableFullException ex) => string.Create(CultureInfo.InvariantCulture,
        $"error: {ex.Message}; raise {Name} (e.g. to {Math.Min((long)ex.Capacity * 2, SymbolTable.MaxCapacity)}) and run again.");
}
