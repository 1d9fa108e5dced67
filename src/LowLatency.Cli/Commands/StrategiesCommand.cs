using System.CommandLine;
using LowLatency.Market.Strategies;

namespace LowLatency.Cli.Commands;

/// <summary><c>strategies</c>: the strategies <c>--strategy</c> can name, with every parameter, its default and range.</summary>
internal static class StrategiesCommand
{
    public static Command Create(TextWriter output, StrategyCatalog catalog)
    {
        var command = new Command("strategies", "List the strategies --strategy can name and their --strategy-param keys.");
        command.SetAction(_ =>
        {
            foreach (StrategyDefinition definition in catalog.All)
            {
                string isDefault = definition == catalog.Default ? " (default)" : "";
                output.WriteLine($"{definition.Name}{isDefault}");
                if (definition.Description.Length > 0)
                {
                    output.WriteLine($"  {definition.Description}");
                }

                foreach (StrategyParameterInfo p in definition.Parameters)
                {
                    string shownDefault = p.Default.Length == 0 ? "unset" : p.Default;
                    string range = p.Range.Length == 0 ? "" : $", {p.Range}";
                    output.WriteLine($"    {p.Name,-18} {p.Description} ({p.Kind}, default {shownDefault}{range})");
                }

                output.WriteLine();
            }

            output.WriteLine("Set parameters with --strategy-param key=value (repeatable) or --strategy-settings file.json.");
            return ExitCodes.Success;
        });
        return command;
    }
}
