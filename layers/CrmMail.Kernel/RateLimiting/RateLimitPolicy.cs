namespace CrmMail.Kernel.RateLimiting;

/// <summary>
/// One limit: at most <see cref="Limit"/> requests per <see cref="Window"/> for each subject
/// (a Firebase uid) of the scope <see cref="Name"/> (a route, e.g. <c>outreach-send-email</c>).
/// </summary>
public sealed record RateLimitPolicy
{
    /// <summary>Creates a policy; the name keys the counters, so two routes never share one by accident.</summary>
    public RateLimitPolicy(string name, int limit, TimeSpan window)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (window < TimeSpan.FromSeconds(1) || window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), "A window is a whole number of seconds, at least one.");
        }

        if (name.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("A policy name may not contain '#' (the counter key separator).", nameof(name));
        }

        Name = name;
        Limit = limit;
        Window = window;
    }

    /// <summary>The scope's name, part of every counter key.</summary>
    public string Name { get; }

    /// <summary>Requests allowed per window.</summary>
    public int Limit { get; }

    /// <summary>The window's length (whole seconds).</summary>
    public TimeSpan Window { get; }
}
