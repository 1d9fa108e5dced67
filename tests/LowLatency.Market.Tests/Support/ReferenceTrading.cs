using LowLatency.Market.Trading;

namespace LowLatency.Market.Tests.Support;

/// <summary>
/// <see cref="TradingState"/>'s documented rules written the plain way, in decimal, with lists: the reference its
/// exact results are checked against. Risk: MaxPosition, MaxNotional and MaxOpenOrders (MaxOrderQuantity is left
/// out: see TradingStateTests). Average cost: a reducing fill releases cost × closed / held, cut to 16 decimals.
/// Costs: the market price moves <c>slippageBps</c> against the order, the move rounded up to 10^-8 (a sell never
/// below 10^-8); a fill pays notional × <c>feeBps</c> / 10^4 rounded half up to 16 decimals + quantity ×
/// <c>feePerUnit</c>. Equity (realized − fees + unrealized, all symbols) gets a point on the first event, after every
/// fill, and on the first event at or after each multiple of <c>equityIntervalNs</c> (0: none).
/// </summary>
internal sealed class ReferenceTrading(decimal maxPosition, decimal maxNotional, int maxOpenOrders, long fillLatencyNs,
    decimal feeBps = 0, decimal feePerUnit = 0, decimal slippageBps = 0, long equityIntervalNs = 0)
{
    private readonly Dictionary<SymbolId, Book> _books = [];
    private long? _nextIntervalNs;

    public List<Signal> Signals { get; } = [];

    public List<(Fill Fill, decimal RealizedAfter, decimal Fee)> Fills { get; } = [];

    /// <summary>The equity curve; drawdowns are left 0 (see <see cref="ReferencePerformance.Drawdowns"/>).</summary>
    public List<ReferencePerformance.EquityRow> Equity { get; } = [];

    public Dictionary<IntentResult, long> Suppressed { get; } = [];

    public long Unfilled { get; private set; }

    public int OpenOrders => _books.Values.Sum(b => b.Pending.Count);

    public Book Of(SymbolId symbol) => _books.TryGetValue(symbol, out Book? book) ? book : _books[symbol] = new Book();

    public void OnEvent(in MarketEvent e, long sequence)
    {
        Book book = Of(e.Symbol);
        if (e.IsTrade)
        {
            book.Last = e.Price.ToDecimal();
        }
        else
        {
            (book.Bid, book.Ask) = (e.BidPrice.ToDecimal(), e.AskPrice.ToDecimal());
        }

        while (book.Pending.Count > 0 && e.TimestampNs >= book.Pending[0].DueNs)
        {
            Order order = book.Pending[0];
            book.Pending.RemoveAt(0);
            decimal price = book.MarketPrice(order.Side);
            bool buy = order.Side == SignalSide.Buy;
            if (price > 0 && (order.Type == OrderType.Market || (buy ? price <= order.Limit : price >= order.Limit)))
            {
                decimal slip = Math.Ceiling(price * slippageBps / 10_000m * FixedPoint.Scale) / FixedPoint.Scale;
                price = buy ? price + slip : Math.Max(price - slip, 0.00000001m);
                decimal fee = Math.Round(order.Quantity * price * feeBps / 10_000m, 16, MidpointRounding.AwayFromZero) + (order.Quantity * feePerUnit);
                book.Execute(buy ? order.Quantity : -order.Quantity, price);
                book.Fees += fee;
                var fill = new Fill(e.Symbol, order.Side, FixedPoint.FromDecimal(order.Quantity), FixedPoint.FromDecimal(price), e.TimestampNs,
                    sequence, order.SignalSequence, order.Reason, FixedPoint.FromDecimal(book.Position), 0);
                Fills.Add((fill, book.Realized, fee));
                AddEquity(e.TimestampNs, EquityCause.Fill);
            }
            else
            {
                Unfilled++;
            }
        }

        if (_nextIntervalNs is not long next)
        {
            AddEquity(e.TimestampNs, EquityCause.Start);
            _nextIntervalNs = NextMultiple(e.TimestampNs);
        }
        else if (equityIntervalNs > 0 && e.TimestampNs >= next)
        {
            AddEquity(e.TimestampNs, EquityCause.Interval);
            _nextIntervalNs = NextMultiple(e.TimestampNs);
        }
    }

    public IntentResult Submit(SymbolId symbol, in OrderIntent intent, long sequence, long timestampNs)
    {
        Book book = Of(symbol);
        decimal quantity = intent.Quantity.ToDecimal();
        bool buy = intent.Side == SignalSide.Buy;
        decimal price = intent.Type == OrderType.Limit ? intent.LimitPrice.ToDecimal() : book.MarketPrice(intent.Side);
        decimal before = buy
            ? book.Position + book.Pending.Where(o => o.Side == SignalSide.Buy).Sum(o => o.Quantity)
            : book.Position - book.Pending.Where(o => o.Side == SignalSide.Sell).Sum(o => o.Quantity);
        decimal after = buy ? before + quantity : before - quantity;
        bool grows = Math.Abs(after) > Math.Abs(before);
        IntentResult result =
            price <= 0 ? IntentResult.NoPrice
            : grows && maxPosition > 0 && Math.Abs(after) > maxPosition ? IntentResult.MaxPosition
            : grows && maxNotional > 0 && Math.Abs(after) * price > maxNotional ? IntentResult.MaxNotional
            : OpenOrders >= maxOpenOrders ? IntentResult.TooManyOpenOrders
            : IntentResult.Accepted;
        if (result != IntentResult.Accepted)
        {
            Suppressed[result] = Suppressed.GetValueOrDefault(result) + 1;
            return result;
        }

        book.Pending.Add(new Order(intent.Side, quantity, intent.Type, intent.LimitPrice.ToDecimal(), timestampNs + fillLatencyNs, sequence, intent.Reason));
        Signals.Add(new Signal(symbol, intent.Side, intent.Quantity, FixedPoint.FromDecimal(price), timestampNs, sequence, intent.Reason, intent.Type));
        return result;
    }

    private void AddEquity(long timestampNs, EquityCause cause) =>
        Equity.Add(new(timestampNs, cause, _books.Values.Sum(b => b.Realized), _books.Values.Sum(b => b.Fees), _books.Values.Sum(b => b.Unrealized), 0));

    /// <summary>The first multiple of the interval after <paramref name="timestampNs"/> (floor division, also below 0).</summary>
    private long NextMultiple(long timestampNs) =>
        equityIntervalNs == 0 ? long.MaxValue : ((long)Math.Floor((decimal)timestampNs / equityIntervalNs) + 1) * equityIntervalNs;

    public sealed record Order(SignalSide Side, decimal Quantity, OrderType Type, decimal Limit, long DueNs, long SignalSequence, byte Reason);

    public sealed class Book
    {
        public decimal Last { get; set; }

        public decimal Bid { get; set; }

        public decimal Ask { get; set; }

        public decimal Position { get; private set; }

        /// <summary>Σ signed quantity × price of the open position.</summary>
        public decimal Cost { get; private set; }

        public decimal Realized { get; private set; }

        public decimal Fees { get; set; }

        public List<Order> Pending { get; } = [];

        public decimal Mark => Bid > 0 && Ask > 0 ? Math.Round((Bid + Ask) / 2, 8, MidpointRounding.AwayFromZero) : Last;

        public decimal Unrealized => Position == 0 ? 0 : (Position * Mark) - Cost;

        public decimal AverageCost => Position == 0 ? 0 : Math.Round(Cost / Position, 8, MidpointRounding.AwayFromZero);

        public decimal MarketPrice(SignalSide side) => (side == SignalSide.Buy ? Ask : Bid) is > 0 and var quoted ? quoted : Last;

        public void Execute(decimal quantity, decimal price)
        {
            if (Position == 0 || Math.Sign(Position) == Math.Sign(quantity))
            {
                Cost += quantity * price;
            }
            else
            {
                decimal closing = Math.Min(Math.Abs(Position), Math.Abs(quantity));
                decimal released = Math.Round(Cost * closing / Math.Abs(Position), 16, MidpointRounding.ToZero);
                Realized += Position > 0 ? (closing * price) - released : -released - (closing * price);
                Cost -= released;
                Cost += Math.Sign(quantity) * (Math.Abs(quantity) - closing) * price;
            }

            Position += quantity;
        }
    }
}
