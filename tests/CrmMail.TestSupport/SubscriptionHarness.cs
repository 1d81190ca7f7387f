using System.Security.Cryptography;
using CrmMail.Aws.Composition;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Signing.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.TestSupport;

/// <summary>The subscription services over in-memory adapters (contact list, audit, key registry) and a local key wrapper.</summary>
public sealed class SubscriptionHarness
{
    public SubscriptionHarness()
    {
        Settings = new SubscriptionSettings
        {
            Region = "us-east-1",
            ContactListName = "dn-contacts",
            KmsKeyId = "alias/dn-unsubscribe",
            TokenKeysTable = "keys",
            AuditTable = "audit",
            ContactLeaseTable = "leases",
            PiiHashKey = RandomNumberGenerator.GetBytes(32),
            MetricsNamespace = "CrmMail",
            Tokens = TokenOptions.Default,
        };
        Services = SubscriptionServices.Create(Settings, KeyWrapper, KeyStore, Contacts, Audit, Logger, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public InMemoryContactList Contacts { get; } = new();

    public InMemoryAuditLog Audit { get; } = new();

    public InMemoryWrappedKeyStore KeyStore { get; } = new();

    public ToggleKeyWrapper KeyWrapper { get; } = new(new LocalKeyWrapper(RandomNumberGenerator.GetBytes(32)));

    public TestLambdaLogger Logger { get; } = new();

    public SubscriptionSettings Settings { get; }

    public SubscriptionServices Services { get; }

    public Task<string> TokenAsync(string email, string topic, TokenPurpose purpose = TokenPurpose.Unsubscribe)
        => Services.Tokens.SealAsync(email, topic, purpose, default);
}
