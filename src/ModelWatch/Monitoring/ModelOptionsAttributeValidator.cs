using Microsoft.Extensions.Options;

namespace ModelWatch.Monitoring;

/// <summary>
/// Generated validation of the <see cref="ModelOptions"/> attributes ([Range] and nested members);
/// <see cref="ModelOptionsValidator"/> runs it with the rules attributes cannot express.
/// </summary>
[OptionsValidator]
internal sealed partial class ModelOptionsAttributeValidator : IValidateOptions<ModelOptions>
{
}
