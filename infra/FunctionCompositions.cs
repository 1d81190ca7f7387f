using CrmMail.Aws.Iam;
using CrmMail.Settings;

namespace CrmMail.Infra;

/// <summary>
/// Which adapter calls each function makes, read from its composition root (functions/*/Program.cs,
/// SendMailComposition.cs) and the flows they run. The stack grants each role exactly these, and
/// the IAM contract test checks the synthesized roles against them: when a composition changes,
/// change its entry here.
/// </summary>
public static class FunctionCompositions
{
    /// <summary>Binding of the SES sending identity: not an environment variable (the sender comes with each request).</summary>
    public const string SendingIdentity = "ses:identity";

    /// <summary>The binding of a use on the stack's SES configuration sets (no variable of its own: each stream's set is named by its setting).</summary>
    public const string ConfigurationSets = "ses:configuration-set";

    /// <summary>The functions' compositions for these settings (each sender's own mail transport decides its grants).</summary>
    public static IReadOnlyList<FunctionComposition> For(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        bool Mailgun(string function) => settings.MailTransportOf(function) == "mailgun";
        // listUnsubscribeOwner=ses: SES writes the headers through the contact list's list management.
        var sesListManagement = settings.FunctionContext.GetValueOrDefault(Catalogue.ListUnsubscribeOwner.Name) == "ses";
        AdapterUse Contacts() => new("SesContactList", AdapterPermissions.SesContactList, Catalogue.SesContactListName.Name);
        AdapterUse Audit() => new("DynamoDbAuditLog.Write", AdapterPermissions.AuditLogWrite, Catalogue.AuditTable.Name);
        AdapterUse Secret(string variable) => new("SecretsManagerClient.GetSecretString", AdapterPermissions.SecretsManagerGetSecretValue, variable);

        // SubscriptionSettings.ResolveSecretsAsync: every function reads the PII hash key at init.
        AdapterUse PiiHashKey() => Secret(Catalogue.PiiHashKeySecret.Name);

        // SubscriptionService holds a per-contact lease around every change (send-mail's gate
        // only creates contacts, conditionally, and takes none).
        AdapterUse Lease() => new("DynamoDbContactLease", AdapterPermissions.ContactLease, Catalogue.ContactLeaseTable.Name);

        List<AdapterUse> sendMail =
        [
            Contacts(),
            Audit(),
            PiiHashKey(),
            // Seals unsubscribe tokens only: a new data key is generated and recorded, never read back.
            new("KmsKeyWrapper.Generate", AdapterPermissions.KmsGenerateDataKey, Catalogue.UnsubscribeKmsKeyId.Name, "unsubscribe"),
            new("DynamoDbWrappedKeyStore.Put", AdapterPermissions.WrappedKeyStorePut, Catalogue.TokenKeysTable.Name),
            new("S3ReportLocator", AdapterPermissions.S3ReportLocator, Catalogue.ReportsBucket.Name),
            Secret(Catalogue.CloudFrontPrivateKeySecret.Name),
            new("DynamoDbIdempotencyStore", AdapterPermissions.IdempotencyStore, Catalogue.IdempotencyTable.Name),
        ];
        if (Mailgun(CrmMail.Routes.FunctionNames.SendMail))
        {
            sendMail.Add(Secret(Catalogue.MailgunApiKeySecret.Name));
        }
        else
        {
            // The suite's own headers (the default): no ListManagementOptions, so the identity alone.
            sendMail.Add(new("SesMailTransport", sesListManagement ? AdapterPermissions.SesSendEmailWithListManagement : AdapterPermissions.SesSendEmail, SendingIdentity));
            sendMail.Add(new("SesMailTransport.ConfigurationSet", AdapterPermissions.SesSendEmailConfigurationSet, ConfigurationSets));
        }

        // The outreach send routes: the same gate and token sealing as send-mail, the per-user
        // counters, and the transport's templates (read only: the CLI writes them).
        List<AdapterUse> outreach =
        [
            Contacts(),
            Audit(),
            PiiHashKey(),
            new("KmsKeyWrapper.Generate", AdapterPermissions.KmsGenerateDataKey, Catalogue.UnsubscribeKmsKeyId.Name, "unsubscribe"),
            new("DynamoDbWrappedKeyStore.Put", AdapterPermissions.WrappedKeyStorePut, Catalogue.TokenKeysTable.Name),
            new("DynamoDbRateLimitCounter", AdapterPermissions.RateLimitCounter, Catalogue.RateLimitTable.Name),
        ];
        if (Mailgun(CrmMail.Routes.FunctionNames.OutreachSend))
        {
            outreach.Add(Secret(Catalogue.MailgunApiKeySecret.Name));
        }
        else
        {
            outreach.Add(new("SesMailTransport", sesListManagement ? AdapterPermissions.SesSendEmailWithListManagement : AdapterPermissions.SesSendEmail, SendingIdentity));
            outreach.Add(new("SesMailTransport.ConfigurationSet", AdapterPermissions.SesSendEmailConfigurationSet, ConfigurationSets));
            outreach.Add(new("SesEmailTemplateStore.Get", AdapterPermissions.SesGetEmailTemplate, SendingIdentity));
        }

        // The campaign sender (CampaignSenderPorts.ForAws): send-mail's per-recipient pieces (the
        // gate, token sealing, audit, the PII hash key) over send-mail's transport (SES, or Mailgun
        // with its API key when mailTransport says so, as SenderTransport chooses for both), its
        // campaign table, the content in the campaign bucket. It consumes its queue through the
        // event source mapping (the platform's grant), and sends to no queue.
        List<AdapterUse> campaignSender =
        [
            Contacts(),
            Audit(),
            PiiHashKey(),
            new("KmsKeyWrapper.Generate", AdapterPermissions.KmsGenerateDataKey, Catalogue.UnsubscribeKmsKeyId.Name, "unsubscribe"),
            new("DynamoDbWrappedKeyStore.Put", AdapterPermissions.WrappedKeyStorePut, Catalogue.TokenKeysTable.Name),
            new("DynamoDbCampaignStore.Send", AdapterPermissions.CampaignStoreSend, Catalogue.CampaignsTable.Name),
            new("S3CampaignObjects.GetContent", AdapterPermissions.CampaignObjectsRead, Catalogue.CampaignBucket.Name),
        ];
        if (Mailgun(CrmMail.Routes.FunctionNames.CampaignSender))
        {
            campaignSender.Add(Secret(Catalogue.MailgunApiKeySecret.Name));
        }
        else
        {
            campaignSender.Add(new("SesMailTransport", sesListManagement ? AdapterPermissions.SesSendEmailWithListManagement : AdapterPermissions.SesSendEmail, SendingIdentity));
            // Campaign mail names its stream's configuration set as send-mail's does, so its events reach SesEvents.
            campaignSender.Add(new("SesMailTransport.ConfigurationSet", AdapterPermissions.SesSendEmailConfigurationSet, ConfigurationSets));
        }

        return
        [
            new(CrmMail.Routes.FunctionNames.SendMail, sendMail),
            new(CrmMail.Routes.FunctionNames.Unsubscribe,
            [
                Contacts(),
                Audit(),
                PiiHashKey(),
                Lease(),
                // Opens unsubscribe tokens, seals resubscribe tokens.
                new("KmsKeyWrapper.Unwrap", AdapterPermissions.KmsDecrypt, Catalogue.UnsubscribeKmsKeyId.Name, "unsubscribe"),
                new("KmsKeyWrapper.Generate", AdapterPermissions.KmsGenerateDataKey, Catalogue.UnsubscribeKmsKeyId.Name, "resubscribe"),
                new("DynamoDbWrappedKeyStore.Get", AdapterPermissions.WrappedKeyStoreGet, Catalogue.TokenKeysTable.Name),
                new("DynamoDbWrappedKeyStore.Put", AdapterPermissions.WrappedKeyStorePut, Catalogue.TokenKeysTable.Name),
            ]),
            new(CrmMail.Routes.FunctionNames.AddContact,
            [
                Contacts(),
                Audit(),
                PiiHashKey(),
                Lease(),
                // Opens resubscribe tokens only.
                new("KmsKeyWrapper.Unwrap", AdapterPermissions.KmsDecrypt, Catalogue.UnsubscribeKmsKeyId.Name, "resubscribe"),
                new("DynamoDbWrappedKeyStore.Get", AdapterPermissions.WrappedKeyStoreGet, Catalogue.TokenKeysTable.Name),
            ]),
            new(CrmMail.Routes.FunctionNames.MailtoUnsubscribe,
            [
                Contacts(),
                Audit(),
                PiiHashKey(),
                Lease(),
                // Opens unsubscribe tokens only.
                new("KmsKeyWrapper.Unwrap", AdapterPermissions.KmsDecrypt, Catalogue.UnsubscribeKmsKeyId.Name, "unsubscribe"),
                new("DynamoDbWrappedKeyStore.Get", AdapterPermissions.WrappedKeyStoreGet, Catalogue.TokenKeysTable.Name),
            ]),
            new(CrmMail.Routes.FunctionNames.MailgunWebhook,
            [
                // Applies suppressions through the contact list; never seals or opens a token.
                Contacts(),
                Audit(),
                PiiHashKey(),
                Lease(),
                Secret(Catalogue.MailgunWebhookSigningKeySecret.Name),
                new("DynamoDbMailgunEventStore", AdapterPermissions.MailgunEventStore, Catalogue.EventsTable.Name),
                new("DynamoDbMailgunReplayGuard", AdapterPermissions.MailgunReplayGuard, Catalogue.IdempotencyTable.Name),
                new("DynamoDbCampaignCounters", AdapterPermissions.CampaignCounters, Catalogue.CampaignStatsTable.Name),
            ]),
            new(CrmMail.Routes.FunctionNames.OutreachSend, outreach),
            new(CrmMail.Routes.FunctionNames.Gallery,
            [
                // No subscription state: one membership GetItem, one listing under spaces/, the signing key.
                new("DynamoDbSpaceMembership.IsMember", AdapterPermissions.SpaceMembershipCheck, Catalogue.SpaceMembersTable.Name),
                new("S3ImageStore", AdapterPermissions.S3ImageStore, Catalogue.ReportsBucket.Name),
                Secret(Catalogue.CloudFrontPrivateKeySecret.Name),
            ]),
            new(CrmMail.Routes.FunctionNames.SesEvents,
            [
                // Permanent bounces and complaints opt out through the contact list; never seals or opens a token.
                Contacts(),
                Audit(),
                PiiHashKey(),
                Lease(),
                new("DynamoDbDeliveryEventStore", AdapterPermissions.DeliveryEventStore, Catalogue.EventsTable.Name),
                new("DynamoDbCampaignCounters", AdapterPermissions.CampaignCounters, Catalogue.CampaignStatsTable.Name),
            ]),
            new(CrmMail.Routes.FunctionNames.OutreachStats,
            [
                // Read only: the hash key (recipientEmail), the per-user counters, Queries on the counters and the events' indexes.
                PiiHashKey(),
                new("DynamoDbRateLimitCounter", AdapterPermissions.RateLimitCounter, Catalogue.RateLimitTable.Name),
                new("DynamoDbCampaignStatsReader", AdapterPermissions.CampaignStatsRead, Catalogue.CampaignStatsTable.Name),
                new("DynamoDbDeliveryEventReader", AdapterPermissions.DeliveryEventRead, Catalogue.EventsTable.Name),
            ]),
            new(CrmMail.Routes.FunctionNames.CampaignPlanner,
            [
                // CampaignPlannerPorts.ForAws: the campaign (read, moved to sending or failed), its
                // list in the campaign bucket, the batches onto the campaign queue. It consumes the
                // plan queue through the event source mapping (the platform's grant).
                new("DynamoDbCampaignStore.Plan", AdapterPermissions.CampaignStorePlan, Catalogue.CampaignsTable.Name),
                new("S3CampaignObjects.GetRecipients", AdapterPermissions.CampaignObjectsRead, Catalogue.CampaignBucket.Name),
                new("SqsCampaignQueue.Enqueue", AdapterPermissions.CampaignQueueSend, Catalogue.CampaignQueueUrl.Name),
            ]),
            new(CrmMail.Routes.FunctionNames.CampaignSender, campaignSender),
            new(CrmMail.Routes.FunctionNames.Campaigns,
            [
                // CampaignsPorts.ForAws, adapter by adapter. No subscription state, no SES: the
                // sender sends; the API stores, launches and controls campaigns.
                new("DynamoDbCampaignStore.Api", AdapterPermissions.CampaignStoreApi, Catalogue.CampaignsTable.Name),
                // The content and list of a new campaign (campaigns/{id}/…); the API never reads them back.
                new("S3CampaignObjects.Put", AdapterPermissions.CampaignObjectsWrite, Catalogue.CampaignBucket.Name),
                // Resume queues a paused campaign's parked batches again.
                new("SqsCampaignQueue.Enqueue", AdapterPermissions.CampaignQueueSend, Catalogue.CampaignQueueUrl.Name),
                new("SqsCampaignLauncher.Launch", AdapterPermissions.CampaignLaunch, Catalogue.CampaignPlanQueueUrl.Name),
                new("S3CampaignUploads.PresignPut", AdapterPermissions.CampaignUploadsPresign, Catalogue.CampaignBucket.Name),
                new("S3CampaignUploads.Read", AdapterPermissions.CampaignUploadsRead, Catalogue.CampaignBucket.Name),
                // Report links are checked and signed once per campaign, as send-mail does per request.
                new("S3ReportLocator", AdapterPermissions.S3ReportLocator, Catalogue.ReportsBucket.Name),
                Secret(Catalogue.CloudFrontPrivateKeySecret.Name),
                new("DynamoDbIdempotencyStore", AdapterPermissions.IdempotencyStore, Catalogue.IdempotencyTable.Name),
            ]),
        ];
    }
}
