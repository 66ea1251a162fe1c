using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>Generated validation of the <see cref="ModelWatchOptions"/> attributes.</summary>
[OptionsValidator]
internal sealed partial class ModelWatchOptionsAttributeValidator : IValidateOptions<ModelWatchOptions>
{
}
