namespace LowLatency.Cli.Tests.Support;

/// <summary>
/// A run's figures recomputed from its fills.csv rows alone, by the README's definitions: fees, realized PnL (each
/// symbol's last <c>realized_pnl_after</c>, before fees), turnover, round trips (from a symbol's position leaving zero
/// to it reaching or crossing zero; PnL = Δ realized_pnl_after − the trip's fees, a flipping fill's fee in the trip it
/// closes) and the winning ones (PnL above zero). Each symbol's average-cost basis is kept from quantities and prices,
/// for the unrealized PnL at a mark, and every row's position and realized PnL are checked against it on the way.
/// </summary>
internal sealed class FillLedger
{
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);

    public decimal Fees { get; private set; }

    public decimal Turnover { get; private set; }

    public int RoundTrips { get; private set; }

    public int WinningRoundTrips { get; private set; }

    public decimal RealizedPnl => _books.Values.Sum(b => b.Realized);

    public static FillLedger Of(IEnumerable<Dictionary<string, string>> fills)
    {
        var ledger = new FillLedger();
        foreach (Dictionary<string, string> fill in fills)
        {
            ledger.Add(fill);
        }

        return ledger;
    }

    /// <summary>Σ over symbols of position × mark − cost basis.</summary>
    public decimal UnrealizedPnl(Func<string, decimal> markOf) => _books.Sum(b => (b.Value.Position * markOf(b.Key)) - b.Value.CostBasis);

    private void Add(Dictionary<string, string> fill)
    {
        string symbol = fill["symbol"];
        if (!_books.TryGetValue(symbol, out Book? book))
        {
            _books[symbol] = book = new Book();
        }

        decimal quantity = (fill["side"] == "buy" ? 1 : -1) * CsvRows.Number(fill["quantity"]);
        decimal price = CsvRows.Number(fill["price"]), fee = CsvRows.Number(fill["fee"]), realized = CsvRows.Number(fill["realized_pnl_after"]);
        decimal before = book.Position, after = before + quantity;
        Assert.Equal(after, CsvRows.Number(fill["position_after"]));
        Fees += fee;
        Turnover += Math.Abs(quantity * price);

        // Average cost: a fill with the position adds to the basis; one against it releases the closed share of the
        // basis and realizes the difference; the part past flat (a flip) opens at the fill price.
        if (before == 0 || Math.Sign(before) == Math.Sign(quantity))
        {
            book.CostBasis += quantity * price;
        }
        else
        {
            decimal closed = Math.Min(Math.Abs(quantity), Math.Abs(before));
            decimal released = book.CostBasis * closed / Math.Abs(before);
            book.OwnRealized += (Math.Sign(before) * closed * price) - released;
            book.CostBasis = after == 0 ? 0 : Math.Sign(after) == Math.Sign(before) ? book.CostBasis - released : after * price;
        }

        Assert.True(Math.Abs(book.OwnRealized - realized) < 0.005m,
            $"fill {fill["sequence"]}: realized_pnl_after {realized}, average cost gives {book.OwnRealized}");

        if (before == 0)
        {
            (book.TripRealizedStart, book.TripFees) = (book.Realized, fee);
        }
        else
        {
            book.TripFees += fee;
            if (after == 0 || Math.Sign(after) != Math.Sign(before))
            {
                decimal pnl = realized - book.TripRealizedStart - book.TripFees;
                RoundTrips++;
                WinningRoundTrips += pnl > 0 ? 1 : 0;
                (book.TripRealizedStart, book.TripFees) = (realized, 0); // a flip: the next trip starts after this fill
            }
        }

        (book.Position, book.Realized) = (after, realized);
    }

    private sealed class Book
    {
        public decimal Position { get; set; }

        public decimal Realized { get; set; }

        public decimal OwnRealized { get; set; }

        public decimal CostBasis { get; set; }

        public decimal TripRealizedStart { get; set; }

        public decimal TripFees { get; set; }
    }
}
