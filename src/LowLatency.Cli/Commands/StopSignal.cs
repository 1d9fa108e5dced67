using System.Runtime.InteropServices;

namespace LowLatency.Cli.Commands;

/// <summary>
/// Ctrl+C and SIGTERM as a cancellation token, so a long-running command stops gracefully (drains the pipeline,
/// commits offsets, prints its summary) instead of the process dying. A second signal is left to the runtime, which
/// ends the process: the way out when a graceful stop hangs.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The signal that stopped the run (SIGINT or SIGTERM); null while none came.</summary>
    public string? Received { get; private set; }

    /// <summary>The exit code a script expects after that signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => ExitCodeOf(Received);

    /// <summary>128 + the signal's number for "SIGINT" (130) or "SIGTERM" (143).</summary>
    public static int ExitCodeOf(string? signal) => signal == "SIGTERM" ? ExitCodes.Terminated : ExitCodes.Interrupted;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            return; // second signal: default handling ends the process
        }

        context.Cancel = true;
        Received = context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";
        _stop.Cancel();
    }
}
