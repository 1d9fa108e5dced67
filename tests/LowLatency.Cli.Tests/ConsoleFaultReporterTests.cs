using LowLatency.Cli.Commands;
using LowLatency.Engine;

namespace LowLatency.Cli.Tests;

public sealed class ConsoleFaultReporterTests
{
    [Fact]
    public void Report_TwelveFaults_TenLinesTheLastSayingTheRestAreCounted()
    {
        var error = new StringWriter();
        var reporter = new ConsoleFaultReporter(error);

        for (long sequence = 0; sequence < 12; sequence++)
        {
            reporter.Report(new HandlerFault("strategy", sequence, new InvalidOperationException("bad tick"), ExceptionPolicy.LogAndContinue));
        }

        string[] lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.Equal("handler 'strategy' failed at sequence 0: InvalidOperationException: bad tick", lines[0]);
        Assert.Equal("handler 'strategy' failed at sequence 9: InvalidOperationException: bad tick (further failures are counted, not printed)", lines[9]);
    }
}
