namespace CrmMail.Inbound.SesEvents;

/// <summary>How one SES event ended, in the domain's words (the handler logs and counts them).</summary>
public enum SesEventStatus
{
    /// <summary>Stored and counted, its effects applied.</summary>
    Recorded = 0,

    /// <summary>Stored before (SNS redelivery): acknowledged, nothing applied or counted again.</summary>
    Duplicate = 1,

    /// <summary>Not a usable SES event (malformed, unknown type, no recipient): acknowledged and logged.</summary>
    Ignored = 2,
}
