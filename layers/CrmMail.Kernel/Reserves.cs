namespace CrmMail.Kernel;

/// <summary>
/// Slices of an invocation's time kept free of the work, so what must happen after the work's
/// deadline still can. The hosting kit's <c>InvocationDeadline</c> stops the work early by
/// them; a domain write that records a change already made runs in its own slice.
/// </summary>
public static class Reserves
{
    /// <summary>
    /// One audit write (or the release of a claim) after the work's deadline: the change it
    /// records is already made, so it gets its own second rather than the caller's token.
    /// </summary>
    public static TimeSpan Audit { get; } = TimeSpan.FromSeconds(1);
}
