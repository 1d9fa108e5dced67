using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LowLatency.Cli.Tests.Support;

/// <summary>
/// The console tool as a child process, for what only a real process shows: POSIX signals and exit codes. It runs the
/// lowlatency.dll built with these tests and copied next to them, so always the configuration under test.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    /// <summary>Bounds every wait: each step takes a few seconds even on a busy machine, and a hang fails the test
    /// with both streams instead of stalling the run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Stopwatch _clock = new();
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private CliProcess(Process process) => _process = process;

    /// <summary>Standard output so far, lines ending in '\n'.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>The exit code, once it exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Wall time from just before the start to the exit (or now, while it runs).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public static CliProcess Start(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "lowlatency.dll");
        Assert.True(File.Exists(dll), "The console tool was not built next to the tests: " + dll);
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])[dll, .. args])
        {
            startInfo.ArgumentList.Add(arg);
        }

        var cli = new CliProcess(new Process { StartInfo = startInfo });
        cli._process.OutputDataReceived += (_, e) => cli.Append(cli._output, e.Data);
        cli._process.ErrorDataReceived += (_, e) => cli.Append(cli._error, e.Data);
        cli._clock.Start();
        Assert.True(cli._process.Start());
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits until <paramref name="ready"/> holds; fails naming <paramref name="what"/>, with both streams,
    /// when the process exits first or <see cref="Timeout"/> passes.</summary>
    public async Task WaitUntilAsync(Func<CliProcess, bool> ready, string what, CancellationToken cancellation)
    {
        long deadline = Environment.TickCount64 + (long)Timeout.TotalMilliseconds;
        while (!ready(this))
        {
            Assert.False(_process.HasExited, $"the process exited before {what}:\n{this}");
            Assert.True(Environment.TickCount64 < deadline, $"no {what} within {Timeout.TotalSeconds} s:\n{this}");
            await Task.Delay(50, cancellation);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM) with kill(1) and waits, bounded by <see cref="Timeout"/>,
    /// for the process to exit.</summary>
    public async Task SignalAndWaitForExitAsync(string signal, CancellationToken cancellation)
    {
        await SignalAsync(signal, cancellation);
        await WaitForExitAsync("SIG" + signal, cancellation);
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM) with kill(1).</summary>
    public async Task SignalAsync(string signal, CancellationToken cancellation)
    {
        using Process kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellation).WaitAsync(Timeout, cancellation);
        Assert.True(kill.ExitCode == 0, $"kill -{signal} failed:\n{this}");
    }

    /// <summary>Waits, bounded by <see cref="Timeout"/>, for the process to exit after <paramref name="what"/>.</summary>
    public async Task WaitForExitAsync(string what, CancellationToken cancellation)
    {
        try
        {
            await _process.WaitForExitAsync(cancellation).WaitAsync(Timeout, cancellation);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"still running {Timeout.TotalSeconds} s after {what}:\n{this}");
        }

        _process.WaitForExit(); // flushes the redirected output
        _clock.Stop();
    }

    /// <summary>Both streams, for failure messages.</summary>
    public override string ToString() => $"--- stdout\n{Output}--- stderr\n{Error}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                text.Append(line).Append('\n');
            }
        }
    }
}
