namespace CrmMail.Settings;

/// <summary>
/// One environment variable a function reads, declared once in <see cref="Catalogue"/>: its name,
/// rule, default, where a deployed function's value comes from and, when a platform engineer may
/// set it, its CDK context key.
/// </summary>
public sealed record Setting
{
    /// <summary>The variable's name.</summary>
    public required string Name { get; init; }

    /// <summary>How its value is checked and normalized.</summary>
    public required SettingRule Rule { get; init; }

    /// <summary>Where a deployed function's value comes from.</summary>
    public required SettingSource Source { get; init; }

    /// <summary>What it is for (the README's settings table says the same).</summary>
    public required string Description { get; init; }

    /// <summary>The value when unset; null when there is none.</summary>
    public string? Default { get; init; }

    /// <summary>Whether a function refuses to start without it (when <see cref="When"/> holds).</summary>
    public bool Required { get; init; }

    /// <summary>The CDK context key that sets it (<c>-c key=value</c>), or null when the stack alone decides.</summary>
    public string? ContextKey { get; init; }

    /// <summary>A condition (another setting and the value it must have) under which alone it is read and set.</summary>
    public SettingCondition? When { get; init; }
}
