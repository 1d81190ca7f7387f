using CrmMail.Aws.Iam;

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

    /// <summary>The five functions' compositions for these settings (the mail transport decides SendMail's).</summary>
    public static IReadOnlyList<FunctionComposition> For(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mailgun = settings.MailTransport == "mailgun";
        AdapterUse Contacts() => new("SesContactList", AdapterPermissions.SesContactList, "SES_CONTACT_LIST_NAME");
        AdapterUse Audit() => new("DynamoDbAuditLog.Write", AdapterPermissions.AuditLogWrite, "AUDIT_TABLE");
        AdapterUse Secret(string variable) => new("SecretsManagerClient.GetSecretString", AdapterPermissions.SecretsManagerGetSecretValue, variable);

        // SubscriptionSettings.ResolveSecretsAsync: every function reads PII_HASH_KEY at init.
        AdapterUse PiiHashKey() => Secret("PII_HASH_KEY_SECRET");

        // SubscriptionService holds a per-contact lease around every change (send-mail's gate
        // only creates contacts, conditionally, and takes none).
        AdapterUse Lease() => new("DynamoDbContactLease", AdapterPermissions.ContactLease, "CONTACT_LEASE_TABLE");

        List<AdapterUse> sendMail =
        [
            Contacts(),
            Audit(),
            PiiHashKey(),
            // Seals unsubscribe tokens only: a new data key is generated and recorded, never read back.
            new("KmsKeyWrapper.Generate", AdapterPermissions.KmsGenerateDataKey, "UNSUBSCRIBE_KMS_KEY_ID", "unsubscribe"),
            new("DynamoDbWrappedKeyStore.Put", AdapterPermissions.WrappedKeyStorePut, "TOKEN_KEYS_TABLE"),
            new("S3ReportLocator", AdapterPermissions.S3ReportLocator, "REPORTS_BUCKET"),
            Secret("CLOUDFRONT_PRIVATE_KEY_SECRET"),
            new("DynamoDbIdempotencyStore", AdapterPermissions.IdempotencyStore, "IDEMPOTENCY_TABLE"),
        ];
        if (mailgun)
        {
            sendMail.Add(Secret("MAILGUN_API_KEY_SECRET"));
        }
        else
        {
            // The stack leaves LIST_UNSUBSCRIBE_OWNER at its default (suite): no ListManagementOptions.
            sendMail.Add(new("SesMailTransport", AdapterPermissions.SesSendEmail, SendingIdentity));
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
                new("KmsKeyWrapper.Unwrap", AdapterPermissions.KmsDecrypt, "UNSUBSCRIBE_KMS_KEY_ID", "unsubscribe"),
                new("KmsKeyWrapper.Generate", AdapterPermissions.KmsGenerateDataKey, "UNSUBSCRIBE_KMS_KEY_ID", "resubscribe"),
                new("DynamoDbWrappedKeyStore.Get", AdapterPermissions.WrappedKeyStoreGet, "TOKEN_KEYS_TABLE"),
                new("DynamoDbWrappedKeyStore.Put", AdapterPermissions.WrappedKeyStorePut, "TOKEN_KEYS_TABLE"),
            ]),
            new(CrmMail.Routes.FunctionNames.AddContact,
            [
                Contacts(),
                Audit(),
                PiiHashKey(),
                Lease(),
                // Opens resubscribe tokens only.
                new("KmsKeyWrapper.Unwrap", AdapterPermissions.KmsDecrypt, "UNSUBSCRIBE_KMS_KEY_ID", "resubscribe"),
                new("DynamoDbWrappedKeyStore.Get", AdapterPermissions.WrappedKeyStoreGet, "TOKEN_KEYS_TABLE"),
            ]),
            new(CrmMail.Routes.FunctionNames.MailtoUnsubscribe,
            [
                Contacts(),
                Audit(),
                PiiHashKey(),
                Lease(),
                // Opens unsubscribe tokens only.
                new("KmsKeyWrapper.Unwrap", AdapterPermissions.KmsDecrypt, "UNSUBSCRIBE_KMS_KEY_ID", "unsubscribe"),
                new("DynamoDbWrappedKeyStore.Get", AdapterPermissions.WrappedKeyStoreGet, "TOKEN_KEYS_TABLE"),
            ]),
            new(CrmMail.Routes.FunctionNames.MailgunWebhook,
            [
                // Applies suppressions through the contact list; never seals or opens a token.
                Contacts(),
                Audit(),
                PiiHashKey(),
                Lease(),
                Secret("MAILGUN_WEBHOOK_SIGNING_KEY_SECRET"),
                new("DynamoDbMailgunEventStore", AdapterPermissions.MailgunEventStore, "EVENTS_TABLE"),
                new("DynamoDbMailgunReplayGuard", AdapterPermissions.MailgunReplayGuard, "IDEMPOTENCY_TABLE"),
            ]),
        ];
    }
}
