namespace CrmMail.Campaigns;

/// <summary>A message the provider accepted whose result could not be recorded: the remaining window, made visible.</summary>
public sealed record UnrecordedSend(int Index, string MessageId);
