using System.Globalization;
using LowLatency.Ticks.Replay;
using LowLatency.Market.Strategies;
using LowLatency.Market.Tests.Support;
using LowLatency.Market.Trading;
using static LowLatency.Market.Tests.Support.Fx;

namespace LowLatency.Market.Tests.Trading;

public sealed class PerformanceSummaryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ll-report-").FullName;
    private readonly List<CsvRowWriter> _openWriters = [];

    public void Dispose()
    {
        _openWriters.ForEach(w => w.Dispose()); // a failed replay leaves them open
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// The acceptance check: a recorded day replayed with fees, its fills and equity curve written as CSV by the
    /// library's writers; then the fills file alone gives fees, realized PnL and the round trips, and the equity file
    /// alone gives the drawdown and net PnL, each equal to the engine's summary (exactly, so to the cent).
    /// </summary>
    [Theory]
    [InlineData("lean/equity/usa/tick/spy/20131008_trade.zip", "")]
    [InlineData("hftbacktest/spot/btcusdt_20240808.gz", "buy-below-bps=1 sell-above-bps=1 max-orders=1")] // six minutes: tighter levels
    public void GetPerformance_RecordedDayWithFees_FillsAndEquityCsvAloneGiveTheSameFiguresToTheCent(string sample, string parameters)
    {
        string fillsPath = Path.Combine(_directory, "fills.csv"), equityPath = Path.Combine(_directory, "equity.csv");
        var options = new MarketPipelineOptions { Trading = new TradingOptions { FeeBps = P(0.5m), FeePerUnit = P(0.0035m) } };
        PerformanceSummary summary;
        long fills;
        using (MarketPipeline pipeline = RecordedReplay.Run(sample, options, null, out ReplayReport report, setup: p =>
        {
            _openWriters.Add(new CsvFillWriter(File.Create(fillsPath), p.Symbols, p.Reasons));
            _openWriters.Add(new CsvEquityWriter(File.Create(equityPath), p.Symbols, p.Reasons));
            p.Trading.Sink = SignalSinks.Combine([.. _openWriters.Cast<ISignalSink>()]);
        }, parameters: new StrategyParameters(parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new KeyValuePair<string, string?>(p.Split('=')[0], p.Split('=')[1])))))
        {
            _openWriters.ForEach(w => w.Dispose());
            _openWriters.Clear();
            summary = pipeline.Trading.GetPerformance();
            fills = pipeline.Trading.Fills.TotalCount;
            Assert.InRange(summary.FirstTimestampNs, report.FirstTimestampNs, summary.LastTimestampNs); // accepted events only
            Assert.InRange(summary.LastTimestampNs, summary.FirstTimestampNs, report.LastTimestampNs);
        }

        // The fills file on its own.
        List<Dictionary<string, string>> fillRows = ReadCsv(fillsPath, CsvFillWriter.Header);
        Assert.Equal(fills, fillRows.Count);
        var fillList = fillRows.Select(r => new ReferencePerformance.FillRow(r["symbol"], long.Parse(r["timestamp_ns"], CultureInfo.InvariantCulture),
            Number(r["quantity"]), Number(r["price"]), Number(r["fee"]), Number(r["position_after"]), Number(r["realized_pnl_after"]))).ToList();
        decimal fees = fillList.Sum(f => f.Fee);
        decimal realized = fillList.GroupBy(f => f.Symbol).Sum(g => g.Last().RealizedAfter);
        (long roundTrips, long wins, _) = ReferencePerformance.RoundTrips(fillList);
        Assert.Equal(fees, summary.Fees);
        Assert.Equal(realized, summary.RealizedPnl);
        Assert.Equal((roundTrips, wins), (summary.RoundTrips, summary.WinningRoundTrips));
        Assert.Equal((double)wins / roundTrips, summary.WinRate);

        // The equity file on its own (+ the final marks' unrealized PnL, which no file holds).
        List<Dictionary<string, string>> equityRows = ReadCsv(equityPath, CsvEquityWriter.Header);
        ReferencePerformance.EquityRow[] points = [.. equityRows.Select(r => new ReferencePerformance.EquityRow(
            long.Parse(r["timestamp_ns"], CultureInfo.InvariantCulture), Enum.Parse<EquityCause>(r["cause"], ignoreCase: true),
            Number(r["realized_pnl"]), Number(r["fees"]), Number(r["unrealized_pnl"]), Number(r["drawdown"])))];
        Assert.Equal(points.Select(p => p.Equity), equityRows.Select(r => Number(r["equity"])));
        (decimal maxDrawdown, double percent) = ReferencePerformance.MaxDrawdown(points, 100_000m);
        Assert.Equal(maxDrawdown, summary.MaxDrawdown);
        Assert.Equal(percent, summary.MaxDrawdownPercent, 1e-12 * percent);
        Assert.Equal(ReferencePerformance.Drawdowns(points), points.Select(p => p.Drawdown));
        Assert.Equal(points[^1].Realized - points[^1].Fees + summary.UnrealizedPnl, summary.NetPnl);
        Assert.Equal((realized, fees), (points[^1].Realized, points[^1].Fees)); // both files agree
        ReferencePerformance.AssertSharpe(ReferencePerformance.Sharpe(points, 100_000m, 60_000_000_000), summary.Sharpe);

        // Enough trading for the comparison to mean something.
        Assert.True(roundTrips > 5 && wins > 0 && wins < roundTrips && fees > 1m && maxDrawdown > 0, $"{summary}");
        Assert.Equal(fills + 1 + summary.Returns, points.Length);        // start, every fill, every interval
    }

    [Fact]
    public void WinRate_WinsOverRoundTrips_ZeroWithout()
    {
        var summary = new PerformanceSummary(0m, 0m, 0m, 0m, 0m, 0m, 0, null, 0, RoundTrips: 8, WinningRoundTrips: 3, 0m, TimeSpan.Zero, 0, 1m, 0, 0);

        Assert.Equal(0.375, summary.WinRate);
        Assert.Equal(0, (summary with { RoundTrips = 0, WinningRoundTrips = 0 }).WinRate);
    }

    /// <summary>Rows of a CSV file written by the library, by column name; checks the header.</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path, string header)
    {
        string[] lines = File.ReadAllText(path).Split('\n');
        Assert.Equal(header, lines[0]);
        Assert.Equal("", lines[^1]);
        string[] names = header.Split(',');
        return [.. lines[1..^1].Select(line => line.Split(',')).Select(fields =>
        {
            Assert.Equal(names.Length, fields.Length);
            return names.Zip(fields).ToDictionary(x => x.First, x => x.Second);
        })];
    }

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
