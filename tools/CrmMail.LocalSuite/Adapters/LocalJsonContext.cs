using System.Text.Json.Serialization;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>A contact as the local contact list stores it.</summary>
internal sealed record StoredContact(string Email, List<TopicPreference> Preferences, bool UnsubscribeAll, DateTimeOffset LastUpdated);

/// <summary>An idempotency key's row.</summary>
internal sealed record StoredIdempotencyKey(string RequestHash, bool Completed, int StatusCode, string? Response, DateTimeOffset ExpiresAt);

/// <summary>A Mailgun event's row (the events table).</summary>
internal sealed record StoredMailgunEvent(string EventId, string EventType, string? MessageId, string RecipientHash, DateTimeOffset Timestamp, List<string> Tags, string? DeliveryStatus);

/// <summary>An expiring marker (replay guard).</summary>
internal sealed record StoredMarker(DateTimeOffset ExpiresAt);

/// <summary>A contact lease's row (<see cref="FileContactLease"/>).</summary>
internal sealed record StoredLease(string Owner, DateTimeOffset ExpiresAt);

/// <summary>A rate-limit counter's row (<see cref="FileRateLimitCounter"/>).</summary>
internal sealed record StoredCount(long Count, DateTimeOffset ExpiresAt);

/// <summary>Source-generated JSON for the local state files (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dictionary<string, StoredContact>))]
[JsonSerializable(typeof(Dictionary<string, WrappedDataKey>))]
[JsonSerializable(typeof(Dictionary<string, StoredIdempotencyKey>))]
[JsonSerializable(typeof(Dictionary<string, StoredMailgunEvent>))]
[JsonSerializable(typeof(Dictionary<string, StoredMarker>))]
[JsonSerializable(typeof(Dictionary<string, StoredLease>))]
[JsonSerializable(typeof(Dictionary<string, StoredCount>))]
[JsonSerializable(typeof(CrmMail.Mail.Templates.EmailTemplate))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;

/// <summary>One JSON object per line (the audit log, the outbox index).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class LocalLineJsonContext : JsonSerializerContext;
