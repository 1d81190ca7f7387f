namespace CrmMail.Mail.Idempotency;

/// <summary>What claiming an idempotency key found.</summary>
public enum IdempotencyState
{
    /// <summary>New: this request owns the key and must complete or release it.</summary>
    Started = 0,

    /// <summary>Another request with this key is running (409).</summary>
    InProgress = 1,

    /// <summary>Done before: the stored response is the answer.</summary>
    Completed = 2,

    /// <summary>The key was used for a different request body (422).</summary>
    Mismatch = 3,
}

/// <summary>The claim and, when completed, the stored response.</summary>
public sealed record IdempotencyClaim(IdempotencyState State, int StatusCode = 0, string? Response = null);
