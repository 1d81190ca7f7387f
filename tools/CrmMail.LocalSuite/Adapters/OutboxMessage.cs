namespace CrmMail.LocalSuite.Adapters;

/// <summary>A message in the outbox, as the pages show it.</summary>
public sealed record OutboxMessage(string Id, DateTimeOffset Date, string From, string To, string Subject, IReadOnlyList<(string Name, string Value)> Headers, string? Html, string? Text);
