namespace LowLatency.Engine.Tests;

public sealed class RingCapacityTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(1 << 16)]
    [InlineData(1 << 30)]
    public void IsValid_PowerOfTwoInRange_True(long size) => Assert.True(RingCapacity.IsValid(size));

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(-2)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData((1L << 30) + 1)]
    [InlineData(1L << 31)]
    [InlineData(1L << 62)]
    public void IsValid_NotAPowerOfTwoOrOutOfRange_False(long size) => Assert.False(RingCapacity.IsValid(size));

    [Fact]
    public void IsValid_CallersBound_IsInclusiveAndNeverAboveMax()
    {
        Assert.True(RingCapacity.IsValid(1 << 24, max: 1 << 24));
        Assert.False(RingCapacity.IsValid(1 << 25, max: 1 << 24));
        Assert.False(RingCapacity.IsValid(1L << 31, max: long.MaxValue));
    }

    [Theory]
    [InlineData(ProducerType.Single)]
    [InlineData(ProducerType.Multi)]
    public void RingBufferCreate_AcceptsExactlyWhatIsValidAccepts(ProducerType producerType)
    {
        for (int size = 0; size <= 1 << 12; size++)
        {
            bool created;
            try
            {
                RingBuffer<long>.Create(producerType, size);
                created = true;
            }
            catch (ArgumentOutOfRangeException)
            {
                created = false;
            }

            Assert.Equal(RingCapacity.IsValid(size), created);
        }
    }
}
