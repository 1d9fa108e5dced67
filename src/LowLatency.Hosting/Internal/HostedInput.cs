using LowLatency.Engine;
using LowLatency.Hosting.Inputs;
using LowLatency.Market;
using LowLatency.Market.Generation;
using Microsoft.Extensions.Logging;

namespace LowLatency.Hosting.Internal;

/// <summary>
/// The built-in input on its own thread: started with the host, cancelled and joined (bounded) at stop. When it ends
/// on its own it says why (exhausted, failed, symbol table full, with what it skipped) and may stop the host.
/// </summary>
internal sealed class HostedInput : IDisposable
{
    private readonly IMarketInput _input;
    private readonly ILogger _logger;
    private readonly string _sectionPath;
    private readonly Action? _onEnded;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Thread _thread;

    private HostedInput(IMarketInput input, ILogger logger, string sectionPath, Action? onEnded)
    {
        _input = input;
        _logger = logger;
        _sectionPath = sectionPath;
        _onEnded = onEnded;
        _thread = new Thread(Run) { Name = $"{input.Name.ToLowerInvariant()}-input", IsBackground = true };
    }

    public string Name => _input.Name;

    public long Published => _input.Published;

    /// <summary>The input <paramref name="options"/> asks for, opened on the calling thread so a bad file fails the
    /// start rather than the input thread; null for <see cref="InputKind.None"/>. <paramref name="onEnded"/> runs when
    /// the input ends on its own (not when cancelled).</summary>
    public static HostedInput? Open(MarketHostOptions options, RingBuffer<MarketEvent> ring, SymbolTable symbols, string sectionPath,
        ILogger logger, Action? onEnded)
    {
        IMarketInput? input = options.Input switch
        {
            InputKind.Generator => new GeneratorInput(ring, NewGenerator(options, symbols), options.Generator),
            InputKind.Ticks => new TickFileInput(ring, symbols, options.Ticks),
            _ => null,
        };
        return input is null ? null : new HostedInput(input, logger, sectionPath, onEnded);
    }

    public void Start() => _thread.Start();

    /// <summary>Cancels the input and waits up to <paramref name="timeout"/> for its thread.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await _cancel.CancelAsync().ConfigureAwait(false);
        if (!_thread.Join(timeout))
        {
            // A producer stuck outside the ring; the pipeline's shutdown closes the ring under it and still drains.
            Log.InputDidNotStop(_logger, _input.Name, timeout);
        }

        Log.InputStopped(_logger, _input.Name, _input.Published);
    }

    /// <summary>Asks the input to stop, without waiting for it.</summary>
    public void Cancel() => _cancel.Cancel();

    public void Dispose()
    {
        _cancel.Cancel();
        _input.Dispose();
    }

    private static MarketEventGenerator NewGenerator(MarketHostOptions options, SymbolTable symbols) => new(symbols, new MarketEventGeneratorOptions
    {
        Symbols = options.Symbols is { Length: > 0 } names ? names : null,
        Seed = options.Generator.Seed,
        Model = options.Generator.Model,
    });

    private void Run()
    {
        try
        {
            _input.Run(_cancel.Token);
            if (_cancel.IsCancellationRequested)
            {
                return;
            }

            Log.InputEnded(_logger, _input.Name, _input.Published);
            LogLosses();
        }
        catch (PipelineHaltedException)
        {
            return; // the halting fault is logged by the fault log
        }
        catch (SymbolTableFullException ex) when (!_cancel.IsCancellationRequested)
        {
            // Not a broken input: the host was sized for fewer symbols. Name the key that sizes it.
            Log.SymbolTableFull(_logger, _input.Name, _input.Published, ex.Message, _sectionPath + ":SymbolCapacity");
        }
        catch (Exception ex) when (!_cancel.IsCancellationRequested)
        {
            Log.InputFailed(_logger, ex, _input.Name, _input.Published);
        }
        catch (Exception) when (_cancel.IsCancellationRequested)
        {
            return; // stopping: a claim on the closed ring or a cancelled read is the expected way out
        }

        _onEnded?.Invoke();
    }

    /// <summary>Never lose data silently: what the input skipped or found damaged is a warning, with counts by reason.</summary>
    private void LogLosses()
    {
        if (_input.Losses is not { IsComplete: false } losses)
        {
            return;
        }

        Log.InputIncomplete(_logger, _input.Name, losses.DescribeSkipped(), losses.Damage.Count);
        foreach (string damage in losses.Damage)
        {
            Log.InputDamaged(_logger, _input.Name, damage);
        }
    }
}
