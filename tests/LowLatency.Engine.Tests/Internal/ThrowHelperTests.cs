using LowLatency.Engine.Internal;

namespace LowLatency.Engine.Tests.Internal;

public sealed class ThrowHelperTests
{
    [Fact]
    public void BufferSizeNotPowerOfTwo_Size_ThrowsArgumentOutOfRangeNamingTheRule()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ThrowHelper.BufferSizeNotPowerOfTwo(12));

        Assert.Equal("bufferSize", ex.ParamName);
        Assert.Equal(12, ex.ActualValue);
        Assert.StartsWith("Ring buffer size must be a power of two between 2 and 2^30.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimSizeOutOfRange_Sizes_ThrowsArgumentOutOfRangeNamingTheRingSize()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ThrowHelper.ClaimSizeOutOfRange(0, 64));

        Assert.Equal("n", ex.ParamName);
        Assert.StartsWith("Claim size must be between 1 and the ring size (64).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishAfterShutdown_ThrowsPlainInvalidOperation()
    {
        var ex = Assert.Throws<InvalidOperationException>(ThrowHelper.PublishAfterShutdown);

        Assert.Equal("Cannot claim a slot: the pipeline has been shut down.", ex.Message);
    }

    [Fact]
    public void PipelineHalted_ThrowsPipelineHaltedException()
    {
        var ex = Assert.Throws<PipelineHaltedException>(ThrowHelper.PipelineHalted);

        Assert.Contains("halted", ex.Message, StringComparison.Ordinal);
    }
}
