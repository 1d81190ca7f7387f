namespace CrmMail.Settings;

/// <summary>Where a deployed function's value for a <see cref="Setting"/> comes from.</summary>
public enum SettingSource
{
    /// <summary>The stack binds it to one of its resources (a table name, a secret ARN, the API URL).</summary>
    Stack,

    /// <summary>A platform engineer sets it through CDK context (<see cref="Setting.ContextKey"/>); otherwise its default.</summary>
    Context,

    /// <summary>The Lambda service sets it (the region); the stack never does.</summary>
    Platform,

    /// <summary>Local runs and tests only (an inline key, an endpoint override); the stack never sets it.</summary>
    Local,
}
