namespace LowLatency.Cli.Reports;

/// <summary>What a report says about its run beyond the pipeline's own figures.</summary>
/// <param name="Command">The command that ran (replay, run).</param>
/// <param name="Strategy">The strategy with the parameters given.</param>
/// <param name="Inputs">The input files, or the generator's description.</param>
/// <param name="Complete">True when every input event went through every stage.</param>
/// <param name="StoppedBy">SIGINT or SIGTERM when the run was interrupted; null otherwise.</param>
internal sealed record ReportContext(string Command, string Strategy, IReadOnlyList<string> Inputs, bool Complete, string? StoppedBy);
