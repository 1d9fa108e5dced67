using LowLatency.Ticks;

namespace LowLatency.Market.Tests.Ticks;

public sealed class TickMessagesTests
{
    [Theory]
    [InlineData("data/a.csv: line 3: bad price", "data/a.csv", "line 3: bad price")]
    [InlineData("data/a.csv: ", "data/a.csv", "")]
    [InlineData("data/a.csv:17: bad price", "data/a.csv", "data/a.csv:17: bad price")] // a row position stays: it is part of the reason
    [InlineData("data/a.csvx: bad", "data/a.csv", "data/a.csvx: bad")]
    [InlineData("other.csv: bad", "data/a.csv", "other.csv: bad")]
    [InlineData("data/a.csv", "data/a.csv", "data/a.csv")]
    public void WithoutPath_Message_StripsOnlyThePathAndColonSpacePrefix(string message, string path, string expected) =>
        Assert.Equal(expected, TickMessages.WithoutPath(message, path));
}
