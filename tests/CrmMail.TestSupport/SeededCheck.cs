using CsCheck;

namespace CrmMail.TestSupport;

/// <summary>
/// Property checks with a fixed seed: the same cases every run, and a failure names the seed
/// and the case index, so it replays exactly (CsCheck's own Sample draws a new seed each run).
/// </summary>
public static class SeededCheck
{
    /// <summary>Checks <paramref name="property"/> on <paramref name="iter"/> cases drawn from <paramref name="seed"/>.</summary>
    public static void SampleSeeded<T>(this Gen<T> gen, ulong seed, int iter, Func<T, bool> property)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(property);
        var pcg = new PCG(1, seed);
        for (var i = 0; i < iter; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            if (!property(value))
            {
                throw new InvalidOperationException($"Property failed with seed {seed} at case {i}: {Describe(value)}");
            }
        }
    }

    /// <summary>The asynchronous form of <see cref="SampleSeeded{T}(Gen{T}, ulong, int, Func{T, bool})"/>.</summary>
    public static async Task SampleSeededAsync<T>(this Gen<T> gen, ulong seed, int iter, Func<T, Task<bool>> property)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(property);
        var pcg = new PCG(1, seed);
        for (var i = 0; i < iter; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            if (!await property(value).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Property failed with seed {seed} at case {i}: {Describe(value)}");
            }
        }
    }

    private static string Describe<T>(T value)
    {
        var text = value?.ToString() ?? "null";
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
