using System.Runtime.ExceptionServices;

namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// Runs producer bodies on their own threads with a bounded join. If they do not finish in time the pipeline is
/// halted (which turns any blocked claim into a <see cref="PipelineHaltedException"/>) and the test fails, never hangs.
/// </summary>
internal static class Producers
{
    public static void Run<T>(EventPipeline<T> pipeline, int producerCount, Action<int> body)
        where T : unmanaged
    {
        Exception?[] errors = new Exception?[producerCount];
        Thread[] threads = new Thread[producerCount];
        for (int i = 0; i < producerCount; i++)
        {
            int id = i;
            threads[i] = new Thread(() =>
            {
                try
                {
                    body(id);
                }
                catch (Exception ex)
                {
                    errors[id] = ex;
                }
            })
            { IsBackground = true, Name = "producer-" + id };
        }

        foreach (Thread t in threads)
        {
            t.Start();
        }

        bool allJoined = JoinAll(threads, Timeouts.Safety);
        if (!allJoined)
        {
            pipeline.Halt();
            JoinAll(threads, Timeouts.Safety);
            Assert.Fail($"Producers did not finish within {Timeouts.Safety.TotalSeconds} s; the pipeline was halted.");
        }

        foreach (Exception? error in errors)
        {
            if (error is not null)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        }
    }

    private static bool JoinAll(Thread[] threads, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        foreach (Thread t in threads)
        {
            long remaining = Math.Max(0, deadline - Environment.TickCount64);
            if (!t.Join(TimeSpan.FromMilliseconds(remaining)))
            {
                return false;
            }
        }

        return true;
    }
}
