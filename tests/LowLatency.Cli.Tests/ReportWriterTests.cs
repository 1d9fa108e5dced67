using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using LowLatency.Cli.Tests.Support;
using LowLatency.Market.Tests.Support;

namespace LowLatency.Cli.Tests;

/// <summary>
/// <c>replay --report DIR</c> on the shared samples: the four files, a statistics block that says what summary.json
/// says, and summary.json's figures recomputed from fills.csv and equity.csv on their own; the market table against a
/// reference parse of the input.
/// </summary>
public sealed class ReportWriterTests
{
    private const decimal HalfCent = 0.005m;

    [Theory]
    [InlineData("lean/equity/usa/tick/spy/20131008_trade.zip", "SPY", 451_183, 0, 362, "")]
    // README: 9,757 trades and 28,040 bookTicker quotes. Narrower bands than the default give more round trips.
    [InlineData("hftbacktest/spot/btcusdt_20240808.gz", "BTCUSDT", 9_757, 28_040, 0, "buy-below-bps=1 sell-above-bps=1")]
    public void Replay_SharedSampleWithFees_ReportFiguresRecomputeFromItsCsvFiles(
        string sample, string symbol, long trades, long quotes, long filtered, string parameters)
    {
        string input = SharedData.RequireTickFile(sample);
        using var dir = new TempDirectory();
        string report = dir.File("report");
        string[] strategy = [.. parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(p => (string[])["--strategy-param", p])];

        var (exit, output, error) = CliRunner.Run(["replay", input, "--report", report, "--fee-bps", "0.5", "--fee-per-unit", "0.0035", .. strategy]);

        Assert.True(exit == 0, output + error);
        Assert.Contains($"\nreport       {report}: fills.csv, equity.csv, equity.png, summary.json\n", output, StringComparison.Ordinal);
        using JsonDocument document = ReportFolder.Read(report);
        JsonElement summary = document.RootElement;
        Assert.True(summary.GetProperty("complete").GetBoolean());
        Assert.False(summary.TryGetProperty("interruptedBy", out _));
        JsonElement market = Assert.Single(summary.GetProperty("symbols").EnumerateArray());
        AssertPrintedAsInSummary(SummaryText.Statistics(output), summary);
        AssertMarketRowAsInSummary(SummaryText.MarketRow(output, symbol), market, (trades, quotes, filtered));

        // From fills.csv alone: fees, realized PnL, turnover, round trips and wins; net PnL also needs the final mark.
        JsonElement statistics = summary.GetProperty("statistics");
        var (_, fills) = CsvRows.Read(Path.Combine(report, "fills.csv"));
        FillLedger ledger = FillLedger.Of(fills);
        Assert.Equal(summary.GetProperty("orders").GetProperty("fills").GetInt32(), fills.Count);
        Assert.True(ledger.Fees > 0 && ledger.RoundTrips > 0, $"fees {ledger.Fees}, {ledger.RoundTrips} round trips");
        Assert.Equal(statistics.GetProperty("fees").GetDecimal(), ledger.Fees);
        Assert.Equal(statistics.GetProperty("realizedPnl").GetDecimal(), ledger.RealizedPnl);
        Assert.Equal(statistics.GetProperty("turnover").GetDecimal(), ledger.Turnover);
        Assert.Equal(
            (statistics.GetProperty("roundTrips").GetInt32(), statistics.GetProperty("winningRoundTrips").GetInt32()),
            (ledger.RoundTrips, ledger.WinningRoundTrips));
        Assert.Equal((double)ledger.WinningRoundTrips / ledger.RoundTrips, statistics.GetProperty("winRate").GetDouble(), 6);
        decimal net = ledger.RealizedPnl - ledger.Fees + ledger.UnrealizedPnl(_ => market.GetProperty("mark").GetDecimal());
        decimal reported = statistics.GetProperty("netPnl").GetDecimal();
        Assert.True(Math.Abs(reported - net) < HalfCent, $"net PnL {reported} in summary.json, {net} from the fills");

        AssertEquityCurve(Path.Combine(report, "equity.csv"), summary, ledger, fills.Count);
    }

    [Fact]
    public void Replay_SpyDay_MarketTableShowsTheSessionOfAReferenceParse()
    {
        string spy = SharedData.RequireTickFile("lean/equity/usa/tick/spy/20131008_trade.zip");

        var (exit, output, error) = CliRunner.Run("replay", spy);

        Assert.True(exit == 0, output + error);
        Assert.Contains("\nmarket       accepted events per symbol; times are UTC\n", output, StringComparison.Ordinal);
        string[] row = SummaryText.MarketRow(output, "SPY");
        var (expected, vwap) = ReferenceRow(spy);
        string[] shown = [.. row[..4], .. row[5..]];
        Assert.Equal(expected, shown);
        Assert.True(Math.Abs(SummaryText.Decimal(row[4]) - vwap) <= 0.00000001m, $"VWAP {row[4]}, reference {vwap}");
        Assert.Equal(("SPY", "451,183", "362"), (expected[0], expected[1], expected[^1]));
    }

    /// <summary>The SPY row from the zip's CSV itself (ms since midnight New York, price × 10000, quantity, exchange,
    /// sale condition in hex, suspicious): trades whose sale condition marks an off-market print (LEAN's
    /// TradeConditionFlags: cash, next day, seller's option, derivatively priced, sold last, out of sequence, stock
    /// option, average price, price variation, prior reference price) are the filtered ones; the rest make the session.
    /// Returns the printed fields but the VWAP, and the VWAP.</summary>
    private static (string[] Row, decimal Vwap) ReferenceRow(string zip)
    {
        const ulong OffMarket = (1UL << 1) | (1UL << 2) | (1UL << 3) | (1UL << 9) | (1UL << 11) | (1UL << 14) | (1UL << 18) | (1UL << 20) | (1UL << 22) | (1UL << 25);
        var newYorkMidnight = new DateTime(2013, 10, 8, 4, 0, 0, DateTimeKind.Utc); // EDT, UTC-4
        long trades = 0, filtered = 0, firstMs = 0, lastMs = 0;
        decimal open = 0, high = decimal.MinValue, low = decimal.MaxValue, close = 0, volume = 0, value = 0;
        using ZipArchive archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(Assert.Single(archive.Entries).Open());
        while (reader.ReadLine() is { } line)
        {
            string[] f = line.Split(',');
            if ((ulong.Parse(f[4], NumberStyles.HexNumber, CultureInfo.InvariantCulture) & OffMarket) != 0)
            {
                filtered++;
                continue;
            }

            decimal price = long.Parse(f[1], CultureInfo.InvariantCulture) / 10_000m, quantity = long.Parse(f[2], CultureInfo.InvariantCulture);
            lastMs = long.Parse(f[0], CultureInfo.InvariantCulture);
            if (trades++ == 0)
            {
                (firstMs, open) = (lastMs, price);
            }

            (high, low, close) = (Math.Max(high, price), Math.Min(low, price), price);
            volume += quantity;
            value += price * quantity;
        }

        string Price(decimal p) => p.ToString("0.########", CultureInfo.InvariantCulture);
        string[] Time(long ms) => newYorkMidnight.AddMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture).Split(' ');
        string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        return (["SPY", Count(trades), "0", Count((long)volume), Price(open), Price(high), Price(low), Price(close), .. Time(firstMs), .. Time(lastMs), Count(filtered)],
            value / volume);
    }

    /// <summary>Every figure of the statistics block is summary.json's, as rounded for the console.</summary>
    private static void AssertPrintedAsInSummary(Dictionary<string, string> printed, JsonElement summary)
    {
        JsonElement statistics = summary.GetProperty("statistics");
        Assert.Equal(summary.GetProperty("settings").GetProperty("startingCapital").GetDecimal(), SummaryText.Decimal(printed["capital"]));
        foreach ((string field, string property) in (ReadOnlySpan<(string, string)>)[("net", "netPnl"), ("gross", "grossPnl"), ("fees", "fees"),
            ("realized", "realizedPnl"), ("unrealized", "unrealizedPnl"), ("drawdown", "maxDrawdown"), ("turnover", "turnover")])
        {
            Assert.True(Math.Round(statistics.GetProperty(property).GetDecimal(), 2, MidpointRounding.AwayFromZero) == SummaryText.Decimal(printed[field]),
                $"{property}: {statistics.GetProperty(property)} in summary.json, {printed[field]} printed");
        }

        AssertShown(statistics.GetProperty("maxDrawdownPercent").GetDouble(), printed["drawdownPercent"], 3);
        AssertShown(statistics.GetProperty("winRate").GetDouble() * 100, printed["winRate"], 1);
        AssertShown(statistics.GetProperty("timeInMarket").GetDouble() * 100, printed["inMarket"], 1);
        if (statistics.GetProperty("sharpe").ValueKind == JsonValueKind.Null)
        {
            Assert.Equal("n/a", printed["sharpe"]);
        }
        else
        {
            AssertShown(statistics.GetProperty("sharpe").GetDouble(), printed["sharpe"], 2);
        }

        Assert.Equal(statistics.GetProperty("roundTrips").GetInt64(), (long)SummaryText.Decimal(printed["trips"]));
        Assert.Equal(statistics.GetProperty("winningRoundTrips").GetInt64(), (long)SummaryText.Decimal(printed["wins"]));
        Assert.Contains($"of {SummaryText.Decimal(printed["returns"])} equity returns, one per {printed["interval"]} of exchange time",
            statistics.GetProperty("sharpeDefinition").GetString(), StringComparison.Ordinal);
        double secondsPerUnit = printed["holdingUnit"] switch { "ms" => 0.001, "s" => 1, "min" => 60, _ => 3_600 };
        double holding = (double)SummaryText.Decimal(printed["holding"]) * secondsPerUnit;
        Assert.Equal(statistics.GetProperty("averageHoldingSeconds").GetDouble(), holding, (0.05 * secondsPerUnit) + 1e-6);
    }

    /// <summary><paramref name="printed"/> is <paramref name="exact"/> (as summary.json rounds it, to 6 decimals) to
    /// <paramref name="decimals"/> decimals.</summary>
    private static void AssertShown(double exact, string printed, int decimals) =>
        Assert.Equal(exact, (double)SummaryText.Decimal(printed), (0.5 * Math.Pow(10, -decimals)) + 1e-4);

    /// <summary>The console's market row says what summary.json's symbol entry says, and its session bar is one.</summary>
    private static void AssertMarketRowAsInSummary(string[] row, JsonElement market, (long Trades, long Quotes, long Filtered) counts)
    {
        Assert.Equal(14, row.Length);
        Assert.Equal(counts, ((long)SummaryText.Decimal(row[1]), (long)SummaryText.Decimal(row[2]), (long)SummaryText.Decimal(row[13])));
        Assert.Equal(counts, (market.GetProperty("trades").GetInt64(), market.GetProperty("quotes").GetInt64(), market.GetProperty("filtered").GetInt64()));
        decimal[] bar = [.. ((string[])["volume", "vwap", "open", "high", "low", "close"]).Select(p => market.GetProperty(p).GetDecimal())];
        Assert.Equal(bar, row[3..9].Select(SummaryText.Decimal));
        var (open, high, low, close) = (bar[2], bar[3], bar[4], bar[5]);
        Assert.True(low <= open && open <= high && low <= close && close <= high, $"open {open}, high {high}, low {low}, close {close}");
        Assert.Equal((market.GetProperty("firstEvent").GetString(), market.GetProperty("lastEvent").GetString()), ($"{row[9]}T{row[10]}", $"{row[11]}T{row[12]}"));
    }

    /// <summary>equity.csv: each row's equity is realized − fees + unrealized; its drawdown the running peak (from 0)
    /// minus it; their maximum, in money and as % of capital + peak, is summary.json's; a row per fill and per
    /// interval return; the last row holds the fills' realized PnL and fees.</summary>
    private static void AssertEquityCurve(string path, JsonElement summary, FillLedger ledger, int fills)
    {
        var (header, rows) = CsvRows.Read(path);
        Assert.Equal("timestamp_ns,time,cause,realized_pnl,fees,unrealized_pnl,equity,drawdown", header);
        Assert.Equal(("start", "0"), (rows[0]["cause"], rows[0]["equity"]));
        decimal capital = summary.GetProperty("settings").GetProperty("startingCapital").GetDecimal();
        decimal peak = 0, maxDrawdown = 0;
        double maxPercent = 0;
        foreach (Dictionary<string, string> row in rows)
        {
            decimal equity = CsvRows.Number(row["equity"]);
            Assert.Equal(CsvRows.Number(row["realized_pnl"]) - CsvRows.Number(row["fees"]) + CsvRows.Number(row["unrealized_pnl"]), equity);
            peak = Math.Max(peak, equity);
            Assert.Equal(peak - equity, CsvRows.Number(row["drawdown"]));
            maxDrawdown = Math.Max(maxDrawdown, peak - equity);
            maxPercent = Math.Max(maxPercent, (double)((peak - equity) / (capital + peak)) * 100);
        }

        JsonElement statistics = summary.GetProperty("statistics");
        Assert.Equal(statistics.GetProperty("maxDrawdown").GetDecimal(), maxDrawdown);
        Assert.Equal(statistics.GetProperty("maxDrawdownPercent").GetDouble(), maxPercent, 1e-6);
        Assert.Equal(fills, rows.Count(r => r["cause"] == "fill"));
        Assert.Contains($"of {rows.Count(r => r["cause"] == "interval")} equity returns", statistics.GetProperty("sharpeDefinition").GetString(), StringComparison.Ordinal);
        Assert.Equal((ledger.RealizedPnl, ledger.Fees), (CsvRows.Number(rows[^1]["realized_pnl"]), CsvRows.Number(rows[^1]["fees"])));
    }
}
