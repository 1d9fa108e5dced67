using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LowLatency.Benchmarks.Macro;

/// <summary>
/// A wait that spins, then yields (never sleeps), and throws <see cref="TimeoutException"/> once it has lasted
/// <see cref="Timeout"/>, so a broken wait strategy or a dead consumer fails the benchmark instead of hanging it.
/// A fresh (default) instance reads no clock until it actually has to wait, so the fast path costs nothing.
/// </summary>
internal struct BoundedSpin
{
    /// <summary>Longest any benchmark wait may last: 60 s; <c>--smoke</c> shortens it so a hang fails CI sooner.</summary>
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    private SpinWait _spinner;
    private long _deadline;

    /// <summary>One step of waiting for <paramref name="what"/> (a constant, for the exception message).</summary>
    public void SpinOnce(string what)
    {
        if (_deadline == 0)
        {
            _deadline = Stopwatch.GetTimestamp() + (long)(Timeout.TotalSeconds * Stopwatch.Frequency);
        }
        else if (_spinner.NextSpinWillYield && Stopwatch.GetTimestamp() > _deadline)
        {
            ThrowTimeout(what);
        }

        _spinner.SpinOnce(sleep1Threshold: -1);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTimeout(string what) =>
        throw new TimeoutException($"Waited more than {Timeout.TotalSeconds:0} s for {what}.");
}
