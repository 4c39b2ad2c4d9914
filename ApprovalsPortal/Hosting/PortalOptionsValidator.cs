using Microsoft.Extensions.Options;

namespace ApprovalsPortal.Hosting;

/// <summary>Source-generated so nested sections (Uploads) are validated too, which data annotations alone skip.</summary>
[OptionsValidator]
public sealed partial class PortalOptionsValidator : IValidateOptions<PortalOptions>;
