using LowLatency.Engine;
using LowLatency.Hosting;
using Microsoft.Extensions.Options;

namespace LowLatency.Kafka.Hosting.Internal;

/// <summary>
/// What the bridge needs from the pipeline's own settings, checked with them (their messages join the pipeline's):
/// the bridge is the ring's only producer, so no built-in input and a single-producer ring.
/// </summary>
internal sealed class KafkaPipelineOptionsValidator(string pipelinePath, string bridgePath) : IValidateOptions<MarketHostOptions>
{
    public ValidateOptionsResult Validate(string? name, MarketHostOptions options)
    {
        var errors = new List<string>();
        if (options.Input != InputKind.None)
        {
            errors.Add($"{pipelinePath}:Input must be None when the Kafka bridge ({bridgePath}) feeds the pipeline: " +
                $"the bridge is the ring's only producer (got {options.Input}).");
        }

        if (options.ProducerType != ProducerType.Single)
        {
            errors.Add($"{pipelinePath}:ProducerType must be Single when the Kafka bridge ({bridgePath}) feeds the pipeline: " +
                $"the bridge is the ring's only producer (got {options.ProducerType}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
