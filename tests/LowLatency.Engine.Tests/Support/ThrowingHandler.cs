namespace LowLatency.Engine.Tests.Support;

/// <summary>
/// Throws <see cref="InvalidOperationException"/> on chosen sequences and counts the events it handled without
/// throwing. An optional gate holds the first failing call until the test opens it.
/// </summary>
internal struct ThrowingHandler : IEventHandler<TestEvent>
{
    public const string FailureMessage = "test handler failure";

    public long Handled;
    public long Sum;
    private readonly long _failEvery;
    private readonly long _failAt;
    private readonly ManualResetEventSlim? _gate;

    private ThrowingHandler(long failEvery, long failAt, ManualResetEventSlim? gate)
    {
        _failEvery = failEvery;
        _failAt = failAt;
        _gate = gate;
    }

    /// <summary>Fails on the n-th, 2n-th, ... event (sequences n-1, 2n-1, ...).</summary>
    public static ThrowingHandler OnEveryNth(long n) => new(n, -1, null);

    /// <summary>Fails at exactly <paramref name="sequence"/>, after waiting for <paramref name="gate"/> if given.</summary>
    public static ThrowingHandler AtSequence(long sequence, ManualResetEventSlim? gate = null) => new(0, sequence, gate);

    public static bool FailsOnEveryNth(long sequence, long n) => (sequence + 1) % n == 0;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        bool fail = _failEvery > 0 ? FailsOnEveryNth(sequence, _failEvery) : sequence == _failAt;
        if (fail)
        {
            _gate?.Wait(Timeouts.Safety);
            throw new InvalidOperationException(FailureMessage);
        }

        Handled++;
        Sum += data.Value;
    }
}
