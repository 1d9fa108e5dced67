using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests;

public sealed class SequenceTests
{
    [Fact]
    public void Ctor_Default_IsInitialValue()
    {
        var sequence = new Sequence();

        Assert.Equal(-1, Sequence.InitialValue);
        Assert.Equal(Sequence.InitialValue, sequence.Value);
    }

    [Fact]
    public void SetRelease_Value_ReadsBack()
    {
        var sequence = new Sequence(5);

        sequence.SetRelease(42);

        Assert.Equal(42, sequence.Value);
    }

    [Fact]
    public void AddAndGet_Increment_ReturnsNewValue()
    {
        var sequence = new Sequence(10);

        Assert.Equal(13, sequence.AddAndGet(3));
        Assert.Equal(13, sequence.Value);
    }

    [Fact]
    public void CompareAndSet_ExpectedMatches_SetsAndReturnsTrue()
    {
        var sequence = new Sequence(7);

        Assert.True(sequence.CompareAndSet(7, 8));
        Assert.Equal(8, sequence.Value);
    }

    [Fact]
    public void CompareAndSet_ExpectedDiffers_LeavesValueAndReturnsFalse()
    {
        var sequence = new Sequence(7);

        Assert.False(sequence.CompareAndSet(6, 8));
        Assert.Equal(7, sequence.Value);
    }

    [Fact]
    public void AddAndGet_ManyThreads_NoIncrementLost()
    {
        const int Threads = 4, PerThread = 100_000;
        var sequence = new Sequence(0);
        var threads = new Thread[Threads];
        for (int i = 0; i < Threads; i++)
        {
            threads[i] = new Thread(() =>
            {
                for (int n = 0; n < PerThread; n++)
                {
                    sequence.AddAndGet(1);
                }
            });
            threads[i].Start();
        }

        foreach (Thread t in threads)
        {
            Assert.True(t.Join(Timeouts.Safety));
        }

        Assert.Equal(Threads * PerThread, sequence.Value);
    }

    [Fact]
    public void Minimum_Empty_ReturnsWhenEmpty()
    {
        Assert.Equal(99, Sequence.Minimum([], 99));
    }

    [Fact]
    public void Minimum_Several_ReturnsSmallest()
    {
        Sequence[] sequences = [new(5), new(-1), new(12)];

        Assert.Equal(-1, Sequence.Minimum(sequences, 99));
    }

    [Fact]
    public void ToString_Value_InvariantDigits()
    {
        Assert.Equal("-1", new Sequence().ToString());
        Assert.Equal("1234567", new Sequence(1_234_567).ToString());
    }
}
