using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LowLatency.Kafka;
using LowLatency.Market;
using LowLatency.Market.Generation;
using LowLatency.Ticks;

namespace LowLatency.Cli.Commands;

/// <summary><c>bridge publish</c>: tick files (merged by timestamp) or the generator to a topic, keyed by symbol.</summary>
internal static class BridgePublishCommand
{
    private delegate bool NextTick(ref MarketEvent e);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Tick files; none means the synthetic generator.", Arity = ArgumentArity.ZeroOrMore };
        var kafka = new KafkaCommandOptions();
        var generator = new GeneratorCommandOptions(100_000, "Events to generate when no file is given (accepts 10k, 1m).");
        var ticks = new TickInputOptions();
        var capacity = new SymbolCapacityOption();
        var rate = new Option<long>("--rate")
        {
            Description = "Messages per second; 0 (the default) publishes as fast as the client accepts them.",
            CustomParser = r => OptionParsers.ParseCount(r, 0, min: 0),
        };
        var flushTimeout = new Option<double>("--flush-timeout")
        {
            Description = "Seconds to wait at the end for every message to be acknowledged.",
            DefaultValueFactory = _ => 30,
            CustomParser = r => OptionParsers.ParseSeconds(r, 30, min: 0, max: 3_600, aboveMin: true),
        };
        var command = new Command("publish", "Publish ticks (files or the generator) to a topic, keyed by symbol. Ctrl+C stops early; what was sent is flushed.")
        {
            inputs,
        };
        kafka.AddTo(command); // where first, then what
        command.Options.Add(rate);
        command.Options.Add(flushTimeout);
        generator.AddTo(command);
        ticks.AddTo(command);
        capacity.AddTo(command);
        command.SetAction(parse =>
        {
            string[] files = parse.GetValue(inputs) ?? [];
            SymbolTable symbols = capacity.NewTable(parse);
            // Files are opened before connecting, so a bad path or format fails before anything is sent.
            using TickMerger? merger = files.Length == 0 ? null : TickInputs.Open(files, symbols, ticks.Bind(parse));
            NextTick next = merger is not null ? merger.TryRead : Generated(new MarketEventGenerator(symbols, generator.Bind(parse)), parse.GetValue(generator.Events));
            string topic = parse.GetValue(kafka.Topic)!;
            KafkaSettings settings = kafka.Bind(parse);
            // The client's warnings (an unreachable broker) on standard error; they arrive on librdkafka's threads.
            Action<string> clientLog = TextWriter.Synchronized(error).WriteLine;
            using KafkaTickPublisher publisher = KafkaClientGuard.Build(settings, () => new KafkaTickPublisher(settings, topic, symbols, clientLog));
            using var stop = new StopSignal();
            output.WriteLine($"publish: {(merger is null ? "generator" : merger.Name)} -> topic {topic}{(parse.GetValue(rate) > 0 ? string.Create(CultureInfo.InvariantCulture, $" at {parse.GetValue(rate):N0} msg/s") : "")}");

            long start = Stopwatch.GetTimestamp();
            TickFormatException? badInput = null;
            try
            {
                Publish(publisher, next, parse.GetValue(rate), stop.Token);
            }
            catch (TickFormatException ex)
            {
                badInput = ex; // what was read before the bad row is still flushed and summarized
            }

            bool flushed = publisher.Flush(TimeSpan.FromSeconds(parse.GetValue(flushTimeout)));
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"published    {publisher.Published:N0} ticks in {seconds:F3} s = {publisher.Published / Math.Max(seconds, 1e-9):N0} msg/s{(stop.Token.IsCancellationRequested ? " (stopped by signal)" : "")}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"delivered    {publisher.Delivered:N0}, failed {publisher.Failed:N0}, unacknowledged {publisher.Published - publisher.Delivered - publisher.Failed:N0}"));
            TickLosses? losses = merger?.Losses; // summed over the sources on each call: once
            if (losses is not null)
            {
                output.WriteLine("inputs       " + InputLossesWriter.Counts(merger!, losses));
                InputLossesWriter.WriteDamage(output, losses);
            }

            if (badInput is not null)
            {
                error.WriteLine($"error: {badInput.Message}");
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{publisher.Published:N0} ticks before the error were published; the summary above covers them."));
                return ExitCodes.BadInput;
            }

            if (!flushed || publisher.Failed > 0)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"error: {publisher.Published - publisher.Delivered:N0} ticks were not acknowledged by {parse.GetValue(kafka.Brokers)} within --flush-timeout {parse.GetValue(flushTimeout)} s (is --brokers right, is the cluster up?)."));
                return ExitCodes.RunFailed;
            }

            return losses is null ? ExitCodes.Success : InputLossesWriter.ExitCode(error, losses, ExitCodes.Success);
        });
        return command;
    }

    private static NextTick Generated(MarketEventGenerator generator, long count)
    {
        long left = count;
        return (ref MarketEvent e) =>
        {
            if (left == 0)
            {
                return false;
            }

            left--;
            generator.Next(ref e);
            return true;
        };
    }

    private static void Publish(KafkaTickPublisher publisher, NextTick next, long messagesPerSecond, CancellationToken stop)
    {
        double ticksPerMessage = messagesPerSecond > 0 ? (double)Stopwatch.Frequency / messagesPerSecond : 0;
        long start = Stopwatch.GetTimestamp();
        var e = default(MarketEvent);
        for (long i = 0; !stop.IsCancellationRequested && ReadNext(next, ref e, publisher); i++)
        {
            if (ticksPerMessage > 0 && !Pacer.WaitUntil(start + (long)(i * ticksPerMessage), stop))
            {
                return;
            }

            publisher.Publish(e);
        }
    }

    private static bool ReadNext(NextTick next, ref MarketEvent e, KafkaTickPublisher publisher)
    {
        try
        {
            return next(ref e);
        }
        catch (TickFormatException)
        {
            // The merger hands out the tick it peeked before reading ahead, so a bad row found by the read-ahead leaves
            // a good tick in e: publish it, then let the error end the input.
            publisher.Publish(e);
            throw;
        }
    }
}
