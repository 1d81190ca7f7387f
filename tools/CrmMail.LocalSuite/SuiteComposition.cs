using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Aws.S3;
using CrmMail.Aws.SesV2;
using CrmMail.Functions.AddContact;
using CrmMail.Functions.MailgunWebhook;
using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Functions.SendMail;
using CrmMail.Functions.Unsubscribe;
using CrmMail.Hosting.Configuration;
using CrmMail.Identity;
using CrmMail.Inbound.Mailgun;
using CrmMail.Inbound.Mailto;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.SNSEvents;
using CrmMail.LocalSuite.Adapters;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Idempotency;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;
using CrmMail.Signing.CloudFront;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.LocalSuite;

/// <summary>An API Gateway-invoked handler.</summary>
internal delegate Task<APIGatewayProxyResponse> ApiFunction(APIGatewayProxyRequest request, ILambdaContext context);

/// <summary>
/// The five functions composed once, as their composition roots do in Lambda, over either the
/// local adapters (files under the data folder) or the AWS adapters at an endpoint. Only the
/// adapters differ; the handlers, flows and services are the ones that ship.
/// </summary>
internal sealed class SuiteComposition
{
    public required ApiFunction SendMail { get; init; }

    public required ApiFunction Unsubscribe { get; init; }

    public required ApiFunction AddContact { get; init; }

    public required ApiFunction MailgunWebhook { get; init; }

    public required Func<SNSEvent, ILambdaContext, Task<MailtoReport>> Mailto { get; init; }

    public required IContactDirectory Contacts { get; init; }

    public required IAuditLog Audit { get; init; }

    public required Outbox Outbox { get; init; }

    public required IReportOrigin Reports { get; init; }

    public required PiiHasher Hasher { get; init; }

    public required string UnsubscribeMailbox { get; init; }

    public static async Task<SuiteComposition> BuildAsync(LocalSuiteOptions options, LocalDataDirectory data, Uri baseUrl, HttpClient http, ILambdaLogger logger, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var reader = new EnvironmentReader(options.Environment);
        var stageUrl = new Uri(baseUrl, options.Stage + "/");
        var names = AwsNames.From(reader);
        var settings = new SubscriptionSettings
        {
            Region = reader.Optional("AWS_REGION", "us-east-1"),
            EndpointOverride = options.AwsEndpoint,
            ContactListName = names.ContactList,
            KmsKeyId = names.KmsKeyId,
            TokenKeysTable = names.TokenKeysTable,
            AuditTable = names.AuditTable,
            ContactLeaseTable = names.ContactLeaseTable,
            PiiHashKey = data.PiiHashKey,
            MetricsNamespace = "CrmMail/Local",
            Tokens = new TokenOptions(TimeSpan.FromDays(reader.Int("UNSUBSCRIBE_TOKEN_MAX_AGE_DAYS", 30, 1, 365)), TokenOptions.Default.ResubscribeMaxAge, TokenOptions.Default.DataKeyMaxAge, TokenOptions.Default.DataKeyMaxUses),
        };

        var outbox = new Outbox(data.Outbox, time);
        SubscriptionServices services;
        IContactDirectory directory;
        IAuditLog auditLog;
        IReportLocator locator;
        IReportOrigin origin;
        IMailTransport transport;
        IIdempotencyStore idempotency;
        IMailgunReplayGuard replay;
        IMailgunEventStore events;
        if (options.AwsEndpoint is { } endpoint)
        {
            if (options.Provision)
            {
                await AwsEndpointProvisioner.ProvisionAsync(endpoint, settings.Region, names, data, http, time, options.Log, cancellationToken).ConfigureAwait(false);
            }

            var ses = new SesV2Client(http, new SesV2ClientOptions(settings.Region, endpoint), new DefaultAwsCredentialsSource(), time);
            var dynamo = AwsClients.DynamoDb(settings.Region, endpoint);
            var s3 = AwsClients.S3(settings.Region, endpoint);
            services = SubscriptionServices.CreateForAws(settings, http, logger, time);
            directory = new SesContactDirectory(ses, new SesContactList(ses, names.ContactList), names.ContactList);
            auditLog = new DynamoDbAuditLog(dynamo, names.AuditTable);
            locator = new S3ReportLocator(s3, names.ReportsBucket);
            origin = new S3ReportOrigin(s3, names.ReportsBucket);
            transport = new CopyToOutboxTransport(new SesMailTransport(ses, null), outbox);
            idempotency = new DynamoDbIdempotencyStore(dynamo, names.IdempotencyTable, time);
            replay = new DynamoDbMailgunReplayGuard(dynamo, names.IdempotencyTable, time);
            events = new DynamoDbMailgunEventStore(dynamo, names.EventsTable, time);
        }
        else
        {
            var contacts = new FileContactList(Path.Combine(data.State, "contacts.json"), time);
            var audit = new JsonLinesAuditLog(Path.Combine(data.State, "audit.jsonl"));
            services = SubscriptionServices.Create(settings, new LocalKeyWrapper(data.TokenMasterKey), new FileWrappedKeyStore(Path.Combine(data.State, "token-keys.json")), contacts, audit, new FileContactLease(Path.Combine(data.State, "contact-leases.json"), time), logger, time);
            directory = contacts;
            auditLog = audit;
            locator = new FolderReportLocator(data);
            origin = new FolderReportOrigin(data);
            transport = outbox;
            idempotency = new FileIdempotencyStore(Path.Combine(data.State, "idempotency.json"), time);
            replay = new FileMailgunReplayGuard(Path.Combine(data.State, "mailgun-tokens.json"), time);
            events = new FileMailgunEventStore(Path.Combine(data.State, "mailgun-events.json"));
        }

        // send-mail, as SendMailComposition wires it, with the CloudFront stand-in as the distribution.
        var mailbox = reader.Optional("UNSUBSCRIBE_MAILBOX", "unsubscribe@crm-mail.local");
        var maxBody = reader.Int("SEND_MAIL_MAX_BODY_BYTES", 1024 * 1024, 1024, 6 * 1024 * 1024);
        var signer = new CloudFrontUrlSigner(CloudFrontSigningKey.FromPem(data.CloudFrontKeyPairId, data.CloudFrontPrivateKeyPem), time, SendMailSettings.ReadHashAlgorithm(reader));
        var reports = new ReportLinkService(
            locator,
            new LocalCloudFrontSignerSource(signer),
            ReportKeyTemplate.Parse(reader.Optional("REPORT_KEY_TEMPLATE", ReportKeyTemplate.Default)),
            new Uri(baseUrl, "cdn/"),
            TimeSpan.FromDays(reader.Int("SIGNED_URL_TTL_DAYS", 25, 1, 365)),
            time);
        var composer = new MessageComposer(new ListUnsubscribe(stageUrl, mailbox), services.Hasher, includeListUnsubscribeHeaders: true);
        var sendMail = new SendMailHandler(
            new SendMailService(reports, services.Subscriptions, services.Audit, services.Tokens, composer, transport, services.Hasher, time, reader.Int("SEND_MAIL_CONCURRENCY", 8, 1, 64)),
            new SendMailValidator(reader.Int("SEND_MAIL_MAX_RECIPIENTS", 50, 1, 1000), maxBody, reader.Int("SEND_MAIL_MAX_REPORTS", SendMailValidator.DefaultMaxReports, 1, 100)),
            idempotency,
            maxBody,
            time);

        var unsubscribe = new UnsubscribeHandler(
            new UnsubscribeFlow(services.Tokens, services.Subscriptions, time),
            services.Hasher,
            new Uri(baseUrl, "confirm"),
            reader.OneOf("UNSUBSCRIBE_GET_MODE", "apply", "apply", "confirm") == "apply");

        // Firebase ID tokens are checked against Google's certificates (network needed); the
        // recipient's own resubscribe token works offline.
        var firebase = new FirebaseTokenVerifier(
            new HttpFirebaseCertificateSource(http, new Uri(reader.Optional("FIREBASE_CERTS_URL", HttpFirebaseCertificateSource.DefaultUrl.ToString())), time),
            reader.Optional("FIREBASE_PROJECT_ID", "crm-mail-local"),
            time);
        var addContact = new AddContactHandler(new AddContactFlow(firebase, services.Tokens, services.Subscriptions, Topics.Financial), services.Hasher, [baseUrl.GetLeftPart(UriPartial.Authority)], time);

        var webhook = new WebhookHandler(
            new MailgunWebhookFlow(
                new MailgunSignatureVerifier(System.Text.Encoding.UTF8.GetBytes(data.MailgunSigningKey), time, TimeSpan.FromSeconds(reader.Int("MAILGUN_WEBHOOK_MAX_AGE_SECONDS", 300, 30, 3600))),
                replay,
                events,
                services.Subscriptions,
                services.Hasher),
            time);

        var mailto = new MailtoHandler(new MailtoUnsubscribeFlow(services.Tokens, services.Subscriptions, time), services.Hasher, reader.Int("MAILTO_MAX_CONTENT_BYTES", 150 * 1024, 1024, 10 * 1024 * 1024));

        return new SuiteComposition
        {
            SendMail = sendMail.HandleAsync,
            Unsubscribe = unsubscribe.HandleAsync,
            AddContact = addContact.HandleAsync,
            MailgunWebhook = webhook.HandleAsync,
            Mailto = mailto.HandleAsync,
            Contacts = directory,
            Audit = auditLog,
            Outbox = outbox,
            Reports = origin,
            Hasher = services.Hasher,
            UnsubscribeMailbox = mailbox,
        };
    }
}

/// <summary>Resource names at an AWS endpoint, in the functions' variable names, with local defaults.</summary>
internal sealed record AwsNames(string ContactList, string KmsKeyId, string TokenKeysTable, string AuditTable, string IdempotencyTable, string EventsTable, string ReportsBucket, IReadOnlyList<string> SendingIdentities, string ContactLeaseTable)
{
    public static AwsNames From(EnvironmentReader reader) => new(
        reader.Optional("SES_CONTACT_LIST_NAME", "crm-mail-local"),
        reader.Optional("UNSUBSCRIBE_KMS_KEY_ID", "alias/dn-unsubscribe"),
        reader.Optional("TOKEN_KEYS_TABLE", "crm-mail-local-token-keys"),
        reader.Optional("AUDIT_TABLE", "crm-mail-local-audit"),
        reader.Optional("IDEMPOTENCY_TABLE", "crm-mail-local-idempotency"),
        reader.Optional("EVENTS_TABLE", "crm-mail-local-events"),
        reader.Optional("REPORTS_BUCKET", "crm-mail-local-reports"),
        reader.Optional("SES_SENDING_IDENTITIES", "example.com").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        reader.Optional("CONTACT_LEASE_TABLE", "crm-mail-local-contact-leases"));
}
