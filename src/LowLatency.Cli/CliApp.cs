using System.CommandLine;
using LowLatency.Cli.Commands;
using LowLatency.Market.Ticks;

namespace LowLatency.Cli;

/// <summary>The command line: parses, reports option errors as one line with exit code 2, runs the command.</summary>
public static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("LowLatency: market events through an LMAX-style ring, filter -> aggregator -> strategy.")
        {
            RunCommand.Create(output),
            ReplayCommand.Create(output, error),
            RecordCommand.Create(output),
            ConvertCommand.Create(output),
            BridgeCommand.Create(output, error),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line, the first error: it names the option and what was wrong. No help dump, no stack trace.
            error.WriteLine($"error: {parse.Errors[0].Message}");
            error.WriteLine("Try 'lowlatency --help'.");
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
}
