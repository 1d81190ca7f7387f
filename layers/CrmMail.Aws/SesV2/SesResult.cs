using System.Diagnostics.CodeAnalysis;

namespace CrmMail.Aws.SesV2;

/// <summary>A value or a typed error.</summary>
public readonly record struct SesResult<T>
{
    private SesResult(T? value, SesError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value on success.</summary>
    public T? Value { get; }

    /// <summary>The error on failure.</summary>
    public SesError? Error { get; }

    /// <summary>True on success.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Success.</summary>
    public static SesResult<T> Success(T value) => new(value, null);

    /// <summary>Failure.</summary>
    public static SesResult<T> Failure(SesError error) => new(default, error);
}
