using System.CommandLine;
using LowLatency.Cli.Commands;
using LowLatency.Market;
using LowLatency.Market.Strategies;
using LowLatency.Ticks;

namespace LowLatency.Cli;

/// <summary>
/// The command line as a library: <c>run</c>, <c>replay</c>, <c>record</c>, <c>convert</c>, <c>bridge</c>,
/// <c>strategies</c> and <c>ticks ls</c>, with their options, help and exit codes. Your own console program registers its strategies and
/// runs it:
/// <code>return new CliApp().AddStrategy&lt;MyStrategy&gt;(isDefault: true).Run(args);</code>
/// Option errors are one line and exit code 2; bad input data one line and exit code 3.
/// </summary>
public sealed class CliApp
{
    /// <summary>The strategies <c>--strategy</c> can name: the built-ins plus what you add.</summary>
    public StrategyCatalog Strategies { get; } = StrategyCatalog.WithBuiltIns();

    /// <summary>Makes <typeparamref name="TStrategy"/> available as <c>--strategy NAME</c> (default: its own
    /// <c>Name</c>); with <paramref name="isDefault"/>, it runs when no strategy is named.</summary>
    public CliApp AddStrategy<TStrategy>(string? name = null, bool isDefault = false)
        where TStrategy : struct, IStrategy<TStrategy>
    {
        Strategies.Add<TStrategy>(name, isDefault);
        return this;
    }

    /// <summary>Runs the command line with the console's streams.</summary>
    public int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        RootCommand root = BuildRootCommand(output, error);
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception ex)
        {
            // Parsers and validators report through AddError; one that throws is a bug, still reported as one line.
            error.WriteLine($"error: the command line could not be parsed: {ex.Message}");
            error.WriteLine("Try '--help'.");
            return ExitCodes.InvalidOptions;
        }

        if ((UnknownOption.Describe(parse) ?? parse.Errors.FirstOrDefault()?.Message) is { } problem)
        {
            // One line, the first error: it names the option and what was wrong. No help dump, no stack trace.
            error.WriteLine($"error: {problem}");
            error.WriteLine("Try '--help'.");
            return ExitCodes.InvalidOptions;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (TickFormatException ex)
        {
            // Bad input names file, line (or byte offset), column and text; nothing is half-written.
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (SymbolTableFullException ex)
        {
            // Not bad input and not a bad option: the run met more symbols than it was sized for. Nothing was skipped.
            error.WriteLine(SymbolCapacityOption.ErrorLine(ex));
            return ExitCodes.RunFailed;
        }
        catch (Exception ex) when (ex is OptionException or ArgumentException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InvalidOptions;
        }
        catch (Exception ex)
        {
            // Anything unexpected still gets one line, not a stack trace; the type helps a bug report.
            error.WriteLine($"error: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.RunFailed;
        }
    }

    /// <summary>Every command and option, writing to <paramref name="output"/> and <paramref name="error"/>; tests walk
    /// this tree so that a new option is covered without a new test.</summary>
    internal RootCommand BuildRootCommand(TextWriter output, TextWriter error) =>
        new("LowLatency: market events through an LMAX-style ring, filter -> aggregator -> strategy.")
        {
            RunCommand.Create(output, error, Strategies),
            ReplayCommand.Create(output, error, Strategies),
            RecordCommand.Create(output, error),
            ConvertCommand.Create(output, error),
            BridgeCommand.Create(output, error, Strategies),
            StrategiesCommand.Create(output, Strategies),
            TicksCommand.Create(output),
        };
}
