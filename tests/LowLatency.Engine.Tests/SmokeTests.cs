namespace LowLatency.Engine.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Works() => Assert.True(true);
}
