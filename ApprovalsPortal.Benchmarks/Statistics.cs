using System.Diagnostics;

namespace ApprovalsPortal.Benchmarks;

public sealed record Timing(string Name, double P50, double P95, int Runs);

public static class Statistics
{
    /// <summary>Runs the action <paramref name="warmUp"/> times unmeasured, then <paramref name="runs"/> times measured.</summary>
    public static async Task<Timing> MeasureAsync(string name, Func<Task> action, int runs = 300, int warmUp = 30)
    {
        for (var i = 0; i < warmUp; i++) await action();
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return FromSamples(name, samples);
    }

    public static Timing FromSamples(string name, IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return new Timing(name, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Length);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
