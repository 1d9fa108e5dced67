namespace LowLatency.Engine;

/// <summary>The wait strategies, by name, for options and command lines.</summary>
public enum WaitStrategyKind
{
    /// <summary>Spin, yield for a short spell, then park. The default: sane on a 2-core machine with four busy threads.</summary>
    Hybrid,

    /// <summary>Spin, then <see cref="Thread.Yield"/>.</summary>
    Yielding,

    /// <summary>Spin forever. Only when every pipeline thread has a core of its own.</summary>
    BusySpin,

    /// <summary>Spin, yield, then sleep 1 ms at a time.</summary>
    Sleeping,

    /// <summary>Park on a monitor; publishers wake parked waiters.</summary>
    Blocking,
}
