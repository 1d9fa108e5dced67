using System.Globalization;

namespace LowLatency.Ticks.Import.Internal;

/// <summary>
/// What a LEAN tick zip's path says about its content:
/// <c>&lt;securityType&gt;/&lt;market&gt;/tick/&lt;ticker&gt;/&lt;YYYYMMDD&gt;_&lt;trade|quote&gt;.zip</c>.
/// The CSV rows carry only the time of day, so the date, the symbol and the data time zone all come from here.
/// </summary>
internal sealed class LeanPath
{
    private const string ExpectedLayout =
        "expected <securityType>/<market>/tick/<ticker>/<YYYYMMDD>_<trade|quote>.zip, e.g. equity/usa/tick/spy/20131007_trade.zip";

    private const string ExpectedFuturesEntry = "expected <YYYYMMDD>_<ticker>_tick_trade_<expiry YYYYMM>.csv, e.g. 20131007_gc_tick_trade_201312.csv";

    private LeanPath(LeanSecurityType securityType, string market, string ticker, DateOnly date, LeanRowLayout layout, TimeZoneInfo zone)
    {
        SecurityType = securityType;
        Market = market;
        Ticker = ticker;
        Date = date;
        Layout = layout;
        DataTimeZone = zone;
    }

    public LeanSecurityType SecurityType { get; }

    /// <summary>Lower case, as in the path: usa, fxcm, oanda, comex.</summary>
    public string Market { get; }

    /// <summary>Upper case: SPY, EURUSD, XAUUSD, GC.</summary>
    public string Ticker { get; }

    public DateOnly Date { get; }

    public LeanRowLayout Layout { get; }

    /// <summary>The zone the time-of-day column is written in (LEAN's market-hours database "dataTimeZone").</summary>
    public TimeZoneInfo DataTimeZone { get; }

    /// <summary>Reads the path of a LEAN tick zip; throws <see cref="TickFormatException"/> naming what was expected.</summary>
    public static LeanPath Parse(string zipPath)
    {
        string[] parts = Path.GetFullPath(zipPath).Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 5)
        {
            LeanThrowHelper.ThrowFile(zipPath, null, "is not in a LEAN data folder: " + ExpectedLayout);
        }

        string typeText = parts[^5].ToLowerInvariant();
        string market = parts[^4].ToLowerInvariant();
        string resolution = parts[^3];
        string ticker = parts[^2].ToUpperInvariant();
        string fileName = parts[^1];

        LeanSecurityType type = typeText switch
        {
            "equity" => LeanSecurityType.Equity,
            "forex" => LeanSecurityType.Forex,
            "cfd" => LeanSecurityType.Cfd,
            "future" => LeanSecurityType.Future,
            _ => ThrowUnsupported<LeanSecurityType>(zipPath, parts[^5], "is not a supported LEAN security type (equity, forex, cfd or future): " + ExpectedLayout),
        };

        if (!resolution.Equals("tick", StringComparison.OrdinalIgnoreCase))
        {
            LeanThrowHelper.ThrowFile(zipPath, resolution, "is not the tick resolution folder: " + ExpectedLayout);
        }

        // <YYYYMMDD>_<trade|quote>.zip
        DateOnly date = default;
        bool nameFits = fileName.Length >= 14 && fileName[8] == '_' && fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) &&
            DateOnly.TryParseExact(fileName.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        if (!nameFits)
        {
            LeanThrowHelper.ThrowFile(zipPath, fileName, "is not a LEAN tick file name: " + ExpectedLayout);
        }

        string tickType = fileName[9..^4].ToLowerInvariant();
        if (tickType is not ("trade" or "quote"))
        {
            LeanThrowHelper.ThrowFile(zipPath, fileName, "is neither a trade nor a quote file: " + ExpectedLayout);
        }

        bool quote = tickType == "quote";
        (LeanRowLayout layout, TimeZoneInfo zone) = Describe(zipPath, type, market, quote);
        return new LeanPath(type, market, ticker, date, layout, zone);
    }

    /// <summary>
    /// The symbol of one zip entry: the ticker, plus the contract expiry for futures, whose zip holds one CSV per expiry
    /// (<c>20131007_gc_tick_trade_201312.csv</c> → <c>GC201312</c>).
    /// </summary>
    public string SymbolOf(string entryName, string entryDisplayName)
    {
        if (SecurityType != LeanSecurityType.Future)
        {
            return Ticker;
        }

        string stem = Path.GetFileNameWithoutExtension(entryName);
        int underscore = stem.LastIndexOf('_');
        ReadOnlySpan<char> expiry = underscore < 0 ? default : stem.AsSpan(underscore + 1);
        if (expiry.Length is not (6 or 8) || expiry.ContainsAnyExceptInRange('0', '9'))
        {
            LeanThrowHelper.ThrowFile(entryDisplayName, entryName, "does not name a futures contract expiry: " + ExpectedFuturesEntry);
        }

        return string.Concat(Ticker, expiry);
    }

    // The supported (security type, market) pairs with their layout and data time zone, from LEAN's market-hours database.
    private static (LeanRowLayout Layout, TimeZoneInfo Zone) Describe(string zipPath, LeanSecurityType type, string market, bool quote)
    {
        switch (type)
        {
            case LeanSecurityType.Equity when market == "usa":
                return (quote ? LeanRowLayout.EquityQuote : LeanRowLayout.EquityTrade, LeanTimeZones.NewYork);
            case LeanSecurityType.Forex when market == "fxcm" && quote:
                return (LeanRowLayout.BidAsk, LeanTimeZones.UtcMinus5);
            case LeanSecurityType.Forex when market == "oanda" && quote:
                return (LeanRowLayout.BidAsk, TimeZoneInfo.Utc);
            case LeanSecurityType.Cfd when market == "oanda" && quote:
                return (LeanRowLayout.BidAsk, TimeZoneInfo.Utc);
            case LeanSecurityType.Future when market == "comex" && !quote:
                return (LeanRowLayout.FutureTrade, TimeZoneInfo.Utc);
            default:
                break;
        }

        (string markets, string kinds) = type switch
        {
            LeanSecurityType.Equity => ("usa", "trade or quote"),
            LeanSecurityType.Forex => ("fxcm or oanda", "quote"),
            LeanSecurityType.Cfd => ("oanda", "quote"),
            _ => ("comex", "trade"),
        };
        string pair = type.ToString().ToLowerInvariant() + "/" + market + " " + (quote ? "quote" : "trade");
        LeanThrowHelper.ThrowFile(
            zipPath, pair, "is not supported: " + type.ToString().ToLowerInvariant() + " ticks are read for market " + markets + ", " + kinds + " files");
        return default;
    }

    private static T ThrowUnsupported<T>(string zipPath, string offending, string reason)
    {
        LeanThrowHelper.ThrowFile(zipPath, offending, reason);
        return default!;
    }
}
