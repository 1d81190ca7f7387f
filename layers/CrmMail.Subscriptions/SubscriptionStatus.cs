namespace CrmMail.Subscriptions;

/// <summary>SES's topic subscription status.</summary>
public enum SubscriptionStatus
{
    /// <summary>OPT_IN.</summary>
    OptIn = 0,

    /// <summary>OPT_OUT.</summary>
    OptOut = 1,
}
