using LowLatency.Cli;
using LowLatency.Hosting;
using LowLatency.Kafka.Hosting;
using LowLatency.Market.Trading;
using LowLatency.StrategySample;
using Microsoft.Extensions.Options;

// A user's own program. `host ...` runs the strategy in a Generic Host (settings in appsettings.json, overridable on the
// command line, e.g. --LowLatency:Ticks:Paths:0=day.lltj); anything else is the lowlatency command line with this
// strategy registered as the default: `replay day.zip`, `bridge consume ...`, `strategies`, `--help`.
if (args is ["host", .. var hostArgs])
{
    HostApplicationBuilder builder = Host.CreateApplicationBuilder(hostArgs);
    IConfigurationSection settings = builder.Configuration.GetSection(MarketHostOptions.SectionName);
    builder.Services.AddMarketPipeline<MomentumStrategy>(settings);
    if (builder.Configuration.GetSection(KafkaBridgeHostOptions.SectionName).Exists())
    {
        builder.Services.AddKafkaTickBridge(builder.Configuration.GetSection(KafkaBridgeHostOptions.SectionName));
    }

    using IHost host = builder.Build();
    try
    {
        var service = host.Services.GetRequiredService<MarketPipelineService>(); // validates the settings
        await host.RunAsync();
        TradingState trading = service.Pipeline.Trading;
        Console.WriteLine($"{service.Pipeline.StrategyName}: {trading.Signals.TotalCount} signals, {trading.Fills.TotalCount} fills, " +
            $"total PnL {trading.TotalPnl:N2}");
        return service.Report?.Drained == true ? 0 : 1;
    }
    catch (OptionsValidationException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}"); // names the setting, e.g. LowLatency:Strategy:Parameters:entry-bps
        return 2;
    }
}

return new CliApp().AddStrategy<MomentumStrategy>(isDefault: true).Run(args);
