using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ApprovalsPortal.Hosting;

/// <summary>
/// The address a circuit's browser connected from (after the forwarded headers of the configured proxy), for
/// records that must say where an act came from, such as a signature. Interactive components have no HttpContext
/// of their own; the circuit's connection is read once, when the circuit opens.
/// </summary>
public sealed class ClientAddress
{
    public const string Unknown = "an unknown address";

    public string Value { get; internal set; } = Unknown;
}

/// <summary>Fills <see cref="ClientAddress"/> from the connection that opened the circuit.</summary>
internal sealed class ClientAddressCircuitHandler(ClientAddress address, IHttpContextAccessor accessor) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } ip) address.Value = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : ip.ToString();
        return Task.CompletedTask;
    }
}
