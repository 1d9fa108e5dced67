namespace LowLatency.Engine.Tests;

public sealed class PipelineHaltedExceptionTests
{
    [Fact]
    public void Type_IsInvalidOperationException_SoExistingCatchBlocksStillWork()
    {
        InvalidOperationException ex = new PipelineHaltedException("halted");

        Assert.Equal("halted", ex.Message);
    }

    [Fact]
    public void Ctor_InnerException_Kept()
    {
        var inner = new TimeoutException();

        var ex = new PipelineHaltedException("halted", inner);

        Assert.Same(inner, ex.InnerException);
    }
}
