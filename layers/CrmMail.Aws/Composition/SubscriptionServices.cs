using CrmMail.Aws.CloudWatch;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Aws.Kms;
using CrmMail.Aws.SesV2;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.Core;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Aws.Composition;

/// <summary>
/// The subscription components wired to AWS, built once per container by a function's
/// composition root: one HttpClient, one SDK client per service, one token service (and so
/// one data-key cache).
/// </summary>
public sealed class SubscriptionServices
{
    private SubscriptionServices(UnsubscribeTokenService tokens, SubscriptionService subscriptions, AuditTrail audit, PiiHasher hasher, EmfMetrics metrics)
    {
        Tokens = tokens;
        Subscriptions = subscriptions;
        Audit = audit;
        Hasher = hasher;
        Metrics = metrics;
    }

    /// <summary>Seals and opens tokens.</summary>
    public UnsubscribeTokenService Tokens { get; }

    /// <summary>Subscription rules over the contact list.</summary>
    public SubscriptionService Subscriptions { get; }

    /// <summary>The audit trail.</summary>
    public AuditTrail Audit { get; }

    /// <summary>Keyed address hashing for logs.</summary>
    public PiiHasher Hasher { get; }

    /// <summary>EMF metrics.</summary>
    public EmfMetrics Metrics { get; }

    /// <summary>Builds the AWS adapters from validated settings.</summary>
    public static SubscriptionServices CreateForAws(SubscriptionSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dynamo = AwsClients.DynamoDb(settings.Region, settings.EndpointOverride);
        var ses = new SesV2Client(http, new SesV2ClientOptions(settings.Region, settings.EndpointOverride), new DefaultAwsCredentialsSource(), timeProvider);
        return Create(
            settings,
            new KmsKeyWrapper(AwsClients.Kms(settings.Region, settings.EndpointOverride), settings.KmsKeyId),
            new DynamoDbWrappedKeyStore(dynamo, settings.TokenKeysTable, timeProvider),
            new SesContactList(ses, settings.ContactListName),
            new DynamoDbAuditLog(dynamo, settings.AuditTable),
            new DynamoDbContactLease(dynamo, settings.ContactLeaseTable, timeProvider),
            logger,
            timeProvider);
    }

    /// <summary>Builds the services over any adapters, with contact leases held in this process only (tests, single-process hosts).</summary>
    public static SubscriptionServices Create(SubscriptionSettings settings, IKeyWrapper keyWrapper, IWrappedKeyStore keyStore, IContactList contacts, IAuditLog auditLog, ILambdaLogger logger, TimeProvider timeProvider)
        => Create(settings, keyWrapper, keyStore, contacts, auditLog, new InProcessContactLease(timeProvider), logger, timeProvider);

    /// <summary>Builds the services over any adapters (AWS, local files, test fakes) and a contact lease store shared by every writer.</summary>
    public static SubscriptionServices Create(SubscriptionSettings settings, IKeyWrapper keyWrapper, IWrappedKeyStore keyStore, IContactList contacts, IAuditLog auditLog, IContactLease lease, ILambdaLogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PiiHashKey.Length == 0)
        {
            throw new CrmMail.Hosting.Configuration.ConfigurationException($"{CrmMail.Settings.Catalogue.PiiHashKeySecret.Name} has not been read: call SubscriptionSettings.ResolveSecretsAsync at init.");
        }

        var hasher = new PiiHasher(settings.PiiHashKey);
        var metrics = new EmfMetrics(Console.Out, timeProvider, settings.MetricsNamespace);
        var tokens = new UnsubscribeTokenService(new EnvelopeDataKeyProvider(keyWrapper, keyStore, timeProvider, settings.Tokens), timeProvider, settings.Tokens);
        var audit = new AuditTrail(auditLog, new LogAuditFallback(logger, metrics, hasher), timeProvider, new EmfAuditChangeCounter(metrics));
        return new SubscriptionServices(tokens, new SubscriptionService(contacts, audit, timeProvider, lease), audit, hasher, metrics);
    }
}
