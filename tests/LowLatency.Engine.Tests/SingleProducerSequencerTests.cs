using LowLatency.Engine.WaitStrategies;

namespace LowLatency.Engine.Tests;

public sealed class SingleProducerSequencerTests
{
    [Fact]
    public void Next_Claims_AdvanceHighestClaimedButNotCursor()
    {
        var sequencer = new SingleProducerSequencer(8, new BusySpinWaitStrategy());

        Assert.Equal(2, sequencer.Next(3));

        Assert.Equal(2, sequencer.HighestClaimed);
        Assert.Equal(Sequence.InitialValue, sequencer.Cursor.Value);
        Assert.False(sequencer.IsPublished(0));
    }

    [Fact]
    public void Publish_Sequence_PublishesEverythingUpToIt()
    {
        var sequencer = new SingleProducerSequencer(8, new BusySpinWaitStrategy());
        sequencer.Next(4);

        sequencer.Publish(3);

        Assert.Equal(3, sequencer.Cursor.Value);
        for (long s = 0; s <= 3; s++)
        {
            Assert.True(sequencer.IsPublished(s));
        }

        Assert.False(sequencer.IsPublished(4));
    }

    [Fact]
    public void IsPublished_SlotReusedByALaterLap_False()
    {
        var sequencer = new SingleProducerSequencer(4, new BusySpinWaitStrategy());
        sequencer.Publish(sequencer.Next(4)); // 0..3
        Assert.True(sequencer.IsPublished(0));

        sequencer.Publish(sequencer.Next(2)); // 4 and 5 reuse the slots of 0 and 1

        Assert.False(sequencer.IsPublished(0));
        Assert.False(sequencer.IsPublished(1));
        for (long s = 2; s <= 5; s++)
        {
            Assert.True(sequencer.IsPublished(s));
        }

        Assert.False(sequencer.IsPublished(6));
    }

    [Fact]
    public void GetHighestPublishedSequence_AnyRange_ReturnsAvailable()
    {
        var sequencer = new SingleProducerSequencer(8, new BusySpinWaitStrategy());
        sequencer.Publish(sequencer.Next(5));

        Assert.Equal(4, sequencer.GetHighestPublishedSequence(0, 4));
        Assert.Equal(2, sequencer.GetHighestPublishedSequence(1, 2));
    }

    [Fact]
    public void TryNext_Full_LeavesClaimsUnchanged()
    {
        var sequencer = new SingleProducerSequencer(4, new BusySpinWaitStrategy());
        sequencer.AddGatingSequences(new Sequence());
        Assert.True(sequencer.TryNext(4, out long high));
        Assert.Equal(3, high);

        Assert.False(sequencer.TryNext(1, out _));

        Assert.Equal(3, sequencer.HighestClaimed);
    }
}
