using LowLatency.Ticks;

namespace LowLatency.Market.Tests.Ticks;

public sealed class TickFormatExceptionTests
{
    [Fact]
    public void Message_LineColumnAndText_OneReadableLine()
    {
        var ex = new TickFormatException("ticks.csv", 17, -1, "price", "12.3.4", "is not a decimal number");

        Assert.Equal("ticks.csv:17: column 'price': '12.3.4' is not a decimal number", ex.Message);
    }

    [Fact]
    public void Message_ByteOffset_NamesTheOffset()
    {
        var ex = new TickFormatException("day.lltj", 0, 14640, null, null, "block checksum mismatch");

        Assert.Equal("day.lltj: byte offset 14640: block checksum mismatch", ex.Message);
    }

    [Fact]
    public void Message_NoLocation_IsJustTheReason()
    {
        Assert.Equal("malformed input", new TickFormatException("malformed input").Message);
    }

    [Fact]
    public void Message_LongOffendingText_Truncated()
    {
        var ex = new TickFormatException("a.csv", 2, -1, "symbol", new string('x', 200), "is too long");

        Assert.Equal($"a.csv:2: column 'symbol': '{new string('x', 77)}...' is too long", ex.Message);
    }
}
