using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Aws.S3;
using CrmMail.Aws.SesV2;
using CrmMail.Aws.Gallery;
using CrmMail.Functions.AddContact;
using CrmMail.Functions.Campaigns;
using CrmMail.Functions.Gallery;
using CrmMail.Functions.MailgunWebhook;
using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Functions.OutreachSend;
using CrmMail.Functions.OutreachStats;
using CrmMail.Functions.SendMail;
using CrmMail.Functions.SesEvents;
using CrmMail.Functions.Unsubscribe;
using CrmMail.Hosting.Configuration;
using CrmMail.Identity;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Mailgun;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.SNSEvents;
using CrmMail.LocalSuite.Adapters;
using CrmMail.LocalSuite.Gallery;
using CrmMail.LocalSuite.Inbound;
using CrmMail.Routes;
using CrmMail.Mail.Idempotency;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Transport;
using CrmMail.Settings;
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

    public required ApiFunction OutreachSend { get; init; }

    /// <summary>GET /outreach/campaign-stats and /outreach/tracking-data.</summary>
    public required ApiFunction OutreachStats { get; init; }

    /// <summary>The stats read side (the stats page draws from it).</summary>
    public required CrmMail.Inbound.Stats.ICampaignStatsReader StatsReader { get; init; }

    public required Func<SNSEvent, ILambdaContext, Task<MailtoReport>> Mailto { get; init; }

    /// <summary>The SesEvents handler (SES event publishing through SNS).</summary>
    public required Func<SNSEvent, ILambdaContext, Task<SesEventsReport>> SesEvents { get; init; }

    public required IContactDirectory Contacts { get; init; }

    public required IAuditLog Audit { get; init; }

    public required Outbox Outbox { get; init; }

    public required IReportOrigin Reports { get; init; }

    public required ApiFunction Gallery { get; init; }

    /// <summary>The gallery's memberships (the file in the data folder, or the table at the AWS endpoint).</summary>
    public required CrmMail.Gallery.ISpaceMembershipAdmin Spaces { get; init; }

    /// <summary>Signs local users' ID tokens for the gallery page.</summary>
    public required LocalFirebaseIssuer Firebase { get; init; }

    /// <summary>Stores an uploaded object in the bucket (the upload behaviour's origin); false when the key is not a bucket key.</summary>
    public required Func<string, byte[], string, CancellationToken, Task<bool>> StoreObject { get; init; }

    public required PiiHasher Hasher { get; init; }

    public required string UnsubscribeMailbox { get; init; }

    /// <summary>The campaign engine (planner, queue, senders) and its local launcher.</summary>
    public required Campaigns.LocalCampaignEngine Campaigns { get; init; }

    /// <summary>The campaign API (POST /campaigns, status, recipients, pause/resume/cancel, uploads).</summary>
    public required ApiFunction CampaignsApi { get; init; }

    /// <summary>The presigned-PUT stand-in of the campaign bucket (null at an AWS endpoint, whose S3 answers the PUT).</summary>
    public required Campaigns.LocalCampaignUploads? LocalUploads { get; init; }

    public static async Task<SuiteComposition> BuildAsync(LocalSuiteOptions options, LocalDataDirectory data, Uri baseUrl, HttpClient http, ILambdaLogger logger, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var environment = LocalEnvironment(options, data, baseUrl);
        var names = AwsNames.From(environment, options.Environment);

        // Each function's own settings, read from the catalogue's names exactly as in Lambda.
        var sendMailSettings = SendMailSettings.Load(environment);
        var unsubscribeSettings = UnsubscribeSettings.Load(environment);
        var addContactSettings = AddContactSettings.Load(environment);
        var mailtoSettings = MailtoSettings.Load(environment);
        var gallerySettings = GallerySettings.Load(environment);
        var webhookSettings = WebhookSettings.Load(environment);
        var outreachSettings = OutreachSendSettings.Load(environment);
        var sesEventsSettings = SesEventsSettings.Load(environment);
        var statsSettings = OutreachStatsSettings.Load(environment);
        var campaignsSettings = CampaignsSettings.Load(environment);
        var settings = sendMailSettings.Subscriptions;

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
        IDeliveryEventStore deliveryEvents;
        ICampaignCounters counters;
        IRateLimitCounter rateLimits;
        CrmMail.Inbound.Stats.ICampaignStatsReader statsReader;
        CrmMail.Inbound.Stats.IDeliveryEventReader eventReader;
        CrmMail.Gallery.ISpaceMembershipAdmin spaces;
        CrmMail.Gallery.IImageStore images;
        Func<string, byte[], string, CancellationToken, Task<bool>> store;
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
            var campaignCounters = new DynamoDbCampaignCounters(dynamo, names.StatsTable, time);
            counters = campaignCounters;
            deliveryEvents = new DynamoDbDeliveryEventStore(dynamo, names.EventsTable, campaignCounters, time);
            statsReader = new DynamoDbCampaignStatsReader(dynamo, names.StatsTable);
            eventReader = new DynamoDbDeliveryEventReader(dynamo, names.EventsTable);
            // The stack's table semantics, so several serve workers sharing one endpoint share the limit.
            rateLimits = new DynamoDbRateLimitCounter(dynamo, outreachSettings.RateLimitTable);
            spaces = new DynamoDbSpaceMembership(dynamo, names.SpaceMembersTable, time);
            images = new S3ImageStore(s3, names.ReportsBucket);
            store = async (key, body, type, ct) =>
            {
                await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = names.ReportsBucket, Key = key, InputStream = new MemoryStream(body), ContentType = type }, ct).ConfigureAwait(false);
                return true;
            };
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
            var fileEvents = new FileDeliveryEvents(data.State);
            events = new FileMailgunEventStore(Path.Combine(data.State, "mailgun-events.json"), fileEvents);
            deliveryEvents = fileEvents;
            counters = fileEvents;
            statsReader = fileEvents;
            eventReader = fileEvents;
            rateLimits = new FileRateLimitCounter(Path.Combine(data.State, "rate-limits.json"), time);
            var members = FileSpaceMembership.In(data);
            await SampleImages.SeedAsync(data, members, cancellationToken).ConfigureAwait(false);
            spaces = members;
            images = new FolderImageStore(data);
            store = async (key, body, type, ct) =>
            {
                var path = data.ReportPath(key);
                if (path is null)
                {
                    return false;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, body, ct).ConfigureAwait(false);
                return true;
            };
        }

        // SES event publishing: each accepted message's Delivery event goes through SNS to the
        // SesEvents handler, as the stack's configuration set publishes it.
        var sesEvents = SesEventsComposition.Build(sesEventsSettings, new SesEventsPorts(services, deliveryEvents, time));
        transport = new SesEventsTransport(transport, async (message, messageId, ct) =>
        {
            var record = LocalSesEvents.Build("delivery", messageId, message.To, message.Tags.Select(t => (t.Name, t.Value)), time.GetUtcNow())!;
            var requestId = Guid.NewGuid().ToString();
            try
            {
                await sesEvents.HandleAsync(LocalSesEvents.Wrap(record, time.GetUtcNow()), new LocalLambdaContext(FunctionNames.SesEvents, requestId, string.Empty, (logger as LambdaLogger)?.ForInvocation(requestId, null) ?? logger, time.GetUtcNow() + TimeSpan.FromSeconds(30), time)).ConfigureAwait(false);
            }
            catch (CrmMail.Kernel.DependencyUnavailableException exception)
            {
                // In AWS the send and its events are independent: the message went out.
                CrmMail.Hosting.Logging.StructuredLog.WriteWarning(logger, "The Delivery event could not be processed.", CrmMail.Hosting.Logging.LogField.Of("reason", exception.Message));
            }
        });

        // Every function through its own composition entry; only the ports are local.
        // The CloudFront stand-in (/cdn/) is the distribution, signing with the data folder's key.
        var sendMail = SendMailComposition.Build(sendMailSettings, new SendMailPorts
        {
            Services = services,
            Reports = locator,
            Signer = new LocalCloudFrontSignerSource(new CloudFrontUrlSigner(CloudFrontSigningKey.FromPem(data.CloudFrontKeyPairId, data.CloudFrontPrivateKeyPem), time, sendMailSettings.CloudFrontHashAlgorithm)),
            Distribution = new Uri(baseUrl, "cdn/"),
            Transport = transport,
            Idempotency = idempotency,
            Time = time,
        });
        var unsubscribe = UnsubscribeComposition.Build(unsubscribeSettings, new UnsubscribePorts(services, time));

        // Firebase ID tokens are checked against Google's certificates (network needed); the
        // recipient's own resubscribe token works offline.
        var addContact = AddContactComposition.Build(addContactSettings, new AddContactPorts(services, new HttpFirebaseCertificateSource(http, addContactSettings.FirebaseCertificatesUrl, time), time));
        var webhook = WebhookComposition.Build(webhookSettings, new WebhookPorts(services, System.Text.Encoding.UTF8.GetBytes(data.MailgunSigningKey), replay, events, counters, time));
        var mailto = MailtoComposition.Build(mailtoSettings, new MailtoPorts(services, time));

        // Templates live in the data folder (SES v2 templates are not emulated by moto).
        var outreach = OutreachSendComposition.Build(outreachSettings, new OutreachSendPorts
        {
            Services = services,
            FirebaseCertificates = new HttpFirebaseCertificateSource(http, outreachSettings.FirebaseCertificatesUrl, time),
            Transport = transport,
            Templates = new FileEmailTemplateStore(data.Templates),
            RateLimits = rateLimits,
            Time = time,
        });

        // The stats routes authenticate as the send routes do (Firebase's certificates) and read the same counters and events SesEvents and the webhook write.
        var stats = OutreachStatsComposition.Build(statsSettings, new OutreachStatsPorts
        {
            FirebaseCertificates = new HttpFirebaseCertificateSource(http, statsSettings.FirebaseCertificatesUrl, time),
            Stats = statsReader,
            Events = eventReader,
            RateLimits = rateLimits,
            Time = time,
        });

        // The gallery trusts the data folder's Firebase stand-in (local uids, offline) and signs
        // with the data folder's CloudFront key, like send-mail's report links.
        var firebase = new LocalFirebaseIssuer(data.FirebasePrivateKeyPem, gallerySettings.FirebaseProjectId, time);
        var gallery = GalleryComposition.Build(gallerySettings, new GalleryPorts
        {
            Membership = spaces,
            Images = images,
            Signer = new LocalCloudFrontSignerSource(new CloudFrontUrlSigner(CloudFrontSigningKey.FromPem(data.CloudFrontKeyPairId, data.CloudFrontPrivateKeyPem), time, gallerySettings.CloudFrontHashAlgorithm)),
            Distribution = new Uri(baseUrl, "cdn/"),
            FirebaseCertificates = firebase,
            Time = time,
        });

        // Campaigns: the planner and senders over the same services and transport, so the outbox fills as they send.
        var campaigns = await CrmMail.LocalSuite.Campaigns.LocalCampaignWiring.BuildAsync(options, environment, data, services, transport, logger, cancellationToken).ConfigureAwait(false);

        // The campaign API over the engine's table, bucket and queue, with the engine as its
        // launcher; uploads are presigned by the endpoint's S3, or by serve's own stand-in of it.
        CrmMail.LocalSuite.Campaigns.LocalCampaignUploads? localUploads = null;
        CrmMail.Campaigns.ICampaignUploads uploads;
        if (options.AwsEndpoint is { } campaignEndpoint)
        {
            uploads = new CrmMail.Aws.Campaigns.S3CampaignUploads(AwsClients.S3(campaignsSettings.Region, campaignEndpoint), campaignsSettings.Bucket);
        }
        else
        {
            localUploads = new CrmMail.LocalSuite.Campaigns.LocalCampaignUploads(CrmMail.LocalSuite.Campaigns.LocalCampaignWiring.Objects(data), data.CampaignUploadKey, baseUrl, time);
            uploads = localUploads;
        }

        var campaignsApi = CampaignsComposition.Build(campaignsSettings, new CampaignsPorts
        {
            Store = campaigns.Store,
            Records = campaigns.Records,
            Objects = campaigns.Objects,
            Queue = campaigns.Queue,
            Launcher = campaigns,
            Uploads = uploads,
            Reports = locator,
            Signer = new LocalCloudFrontSignerSource(new CloudFrontUrlSigner(CloudFrontSigningKey.FromPem(data.CloudFrontKeyPairId, data.CloudFrontPrivateKeyPem), time, campaignsSettings.CloudFrontHashAlgorithm)),
            Distribution = new Uri(baseUrl, "cdn/"),
            Idempotency = idempotency,
            Random = System.Security.Cryptography.RandomNumberGenerator.Create(),
            Time = time,
        });

        return new SuiteComposition
        {
            SendMail = sendMail.HandleAsync,
            Unsubscribe = unsubscribe.HandleAsync,
            AddContact = addContact.HandleAsync,
            MailgunWebhook = webhook.HandleAsync,
            OutreachSend = outreach.HandleAsync,
            OutreachStats = stats.HandleAsync,
            StatsReader = statsReader,
            Mailto = mailto.HandleAsync,
            SesEvents = sesEvents.HandleAsync,
            Contacts = directory,
            Audit = auditLog,
            Outbox = outbox,
            Reports = origin,
            Gallery = gallery.HandleAsync,
            Spaces = spaces,
            Firebase = firebase,
            StoreObject = store,
            Hasher = services.Hasher,
            UnsubscribeMailbox = sendMailSettings.UnsubscribeMailbox,
            Campaigns = campaigns,
            CampaignsApi = campaignsApi.HandleAsync,
            LocalUploads = localUploads,
        };
    }

    /// <summary>
    /// The functions' environment under serve: what serve itself wires (its URLs, the data
    /// folder's key, the endpoint) over the caller's overrides over local defaults, all by the
    /// catalogue's names.
    /// </summary>
    internal static IEnvironmentVariables LocalEnvironment(LocalSuiteOptions options, LocalDataDirectory data, Uri baseUrl)
    {
        var wired = new Dictionary<string, string>
        {
            [Catalogue.AwsEndpointUrl.Name] = options.AwsEndpoint?.ToString() ?? string.Empty,
            [Catalogue.PiiHashKey.Name] = Convert.ToBase64String(data.PiiHashKey),
            // The key is in the data folder, never in Secrets Manager.
            [Catalogue.PiiHashKeySecret.Name] = string.Empty,
            [Catalogue.MetricsNamespace.Name] = "CrmMail/Local",
            [Catalogue.UnsubscribeBaseUrl.Name] = new Uri(baseUrl, options.Stage + "/").ToString(),
            [Catalogue.UnsubscribeConfirmationUrl.Name] = new Uri(baseUrl, "confirm").ToString(),
            [Catalogue.CorsAllowedOrigins.Name] = baseUrl.GetLeftPart(UriPartial.Authority),
            // The outbox sends, writing the suite's own List-Unsubscribe headers.
            [Catalogue.MailTransport.Name] = "ses",
            [Catalogue.ListUnsubscribeOwner.Name] = "suite",
            // Required names whose resources serve replaces with a local port (the /cdn/ stand-in
            // and its key, the data folder's webhook key): set, never read from.
            [Catalogue.CloudFrontDomain.Name] = "cdn.crm-mail.local",
            [Catalogue.CloudFrontPrivateKeySecret.Name] = "local:data-folder",
            [Catalogue.MailgunWebhookSigningKeySecret.Name] = "local:data-folder",
        };
        var defaults = new Dictionary<string, string>
        {
            [Catalogue.SesContactListName.Name] = "crm-mail-local",
            [Catalogue.TokenKeysTable.Name] = "crm-mail-local-token-keys",
            [Catalogue.AuditTable.Name] = "crm-mail-local-audit",
            [Catalogue.ContactLeaseTable.Name] = "crm-mail-local-contact-leases",
            [Catalogue.IdempotencyTable.Name] = "crm-mail-local-idempotency",
            [Catalogue.EventsTable.Name] = "crm-mail-local-events",
            [Catalogue.RateLimitTable.Name] = "crm-mail-local-rate-limits",
            [Catalogue.ReportsBucket.Name] = "crm-mail-local-reports",
            [Catalogue.UnsubscribeMailbox.Name] = "unsubscribe@crm-mail.local",
            [Catalogue.FirebaseProjectId.Name] = "crm-mail-local",
            [Catalogue.SpaceMembersTable.Name] = "crm-mail-local-space-members",
            [Catalogue.CampaignStatsTable.Name] = "crm-mail-local-campaign-stats",
            [Catalogue.CampaignsTable.Name] = "crm-mail-local-campaigns",
            [Catalogue.CampaignBucket.Name] = "crm-mail-local-campaigns",
            // The planner's settings require it; serve hands the planner its queue port directly.
            [Catalogue.CampaignQueueUrl.Name] = "http://127.0.0.1/000000000000/" + CrmMail.LocalSuite.Campaigns.LocalCampaignWiring.QueueName,
            // The campaign API's settings require it; serve hands the API the engine as its launcher.
            [Catalogue.CampaignPlanQueueUrl.Name] = "http://127.0.0.1/000000000000/crm-mail-local-campaign-plans",
        };
        return new LayeredEnvironment(new DictionaryEnvironmentVariables(wired), options.Environment, new DictionaryEnvironmentVariables(defaults));
    }
}
