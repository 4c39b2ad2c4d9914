using System.Net;

namespace ApprovalsPortal.Tests.Support;

public static class HealthProbe
{
    /// <summary>
    /// /health until it answers 200 (or 60 s pass): the scheduler starts a moment after Kestrel answers, and on a busy
    /// machine the first ask can come before it, as a monitor's can. A monitor asks again; so does this.
    /// </summary>
    public static async Task<HttpResponseMessage> WhenHealthyAsync(this HttpClient client)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/health");
            if (response.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > until) return response;
            await Task.Delay(200);
        }
    }
}
