using System.Net;

namespace ApprovalsPortal.Tests.Support;

public static class HealthProbe
{
    /// <summary>
    /// /health until it stops answering 503 (or 60 s pass): the scheduler starts a moment after Kestrel answers, and on a busy
    /// machine the first ask can come before it, as a monitor's can. A monitor asks again; so does this.
    /// </summary>
    public static async Task<HttpResponseMessage> WhenHealthyAsync(this HttpClient client)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/health");
            // Only "not ready yet" is asked again; any other answer (an error, a missing endpoint) is the caller's to see.
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > until) return response;
            response.Dispose();
            await Task.Delay(200);
        }
    }
}
