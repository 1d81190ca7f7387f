using CrmMail.Campaigns;

namespace CrmMail.Aws.Iam;

/// <summary>
/// What each AWS adapter's calls need from IAM, declared next to the adapters so the stack
/// grants exactly these (and a contract test compares the synthesized roles against them).
/// Plain data, not attributes or reflection: the functions are Native AOT. Each entry names the
/// call; a function's composition lists the calls it makes. Change an adapter's AWS calls,
/// change its entry here.
/// </summary>
public static class AdapterPermissions
{
    /// <summary><c>KmsKeyWrapper.GenerateAsync</c>: GenerateDataKey with the <c>{purpose, keyId}</c> encryption context.</summary>
    public static IReadOnlyList<IamRequirement> KmsGenerateDataKey { get; } = [new("kms:GenerateDataKey", IamResourceKind.KmsKey)];

    /// <summary><c>KmsKeyWrapper.UnwrapAsync</c>: Decrypt with the <c>{purpose, keyId}</c> encryption context.</summary>
    public static IReadOnlyList<IamRequirement> KmsDecrypt { get; } = [new("kms:Decrypt", IamResourceKind.KmsKey)];

    /// <summary><c>DynamoDbWrappedKeyStore.PutAsync</c>: a conditional PutItem.</summary>
    public static IReadOnlyList<IamRequirement> WrappedKeyStorePut { get; } = [new("dynamodb:PutItem", IamResourceKind.Table)];

    /// <summary><c>DynamoDbWrappedKeyStore.GetAsync</c>: GetItem.</summary>
    public static IReadOnlyList<IamRequirement> WrappedKeyStoreGet { get; } = [new("dynamodb:GetItem", IamResourceKind.Table)];

    /// <summary><c>DynamoDbAuditLog.WriteAsync</c>: TransactWriteItems of two Puts, authorised as PutItem on the table.</summary>
    public static IReadOnlyList<IamRequirement> AuditLogWrite { get; } = [new("dynamodb:PutItem", IamResourceKind.Table)];

    /// <summary><c>DynamoDbAuditLog.HistoryAsync</c>: Query (operators' tools only).</summary>
    public static IReadOnlyList<IamRequirement> AuditLogHistory { get; } = [new("dynamodb:Query", IamResourceKind.Table)];

    /// <summary><c>DynamoDbContactLease</c>: acquire (conditional PutItem) and release (DeleteItem conditional on the owner).</summary>
    public static IReadOnlyList<IamRequirement> ContactLease { get; } =
    [
        new("dynamodb:PutItem", IamResourceKind.Table),
        new("dynamodb:DeleteItem", IamResourceKind.Table),
    ];

    /// <summary><c>DynamoDbIdempotencyStore</c>: claim (conditional PutItem, GetItem on conflict), complete (PutItem), release (DeleteItem).</summary>
    public static IReadOnlyList<IamRequirement> IdempotencyStore { get; } =
    [
        new("dynamodb:PutItem", IamResourceKind.Table),
        new("dynamodb:GetItem", IamResourceKind.Table),
        new("dynamodb:DeleteItem", IamResourceKind.Table),
    ];

    /// <summary><c>DynamoDbMailgunReplayGuard</c>: accept (conditional PutItem) and release (DeleteItem).</summary>
    public static IReadOnlyList<IamRequirement> MailgunReplayGuard { get; } =
    [
        new("dynamodb:PutItem", IamResourceKind.Table),
        new("dynamodb:DeleteItem", IamResourceKind.Table),
    ];

    /// <summary><c>DynamoDbMailgunEventStore</c>: contains (GetItem) and record (PutItem).</summary>
    public static IReadOnlyList<IamRequirement> MailgunEventStore { get; } =
    [
        new("dynamodb:GetItem", IamResourceKind.Table),
        new("dynamodb:PutItem", IamResourceKind.Table),
    ];

    /// <summary><c>DynamoDbDeliveryEventStore</c> on the events table: contains (GetItem) and the conditional Put of its transaction.</summary>
    public static IReadOnlyList<IamRequirement> DeliveryEventStore { get; } =
    [
        new("dynamodb:GetItem", IamResourceKind.Table),
        new("dynamodb:PutItem", IamResourceKind.Table),
    ];

    /// <summary><c>DynamoDbCampaignCounters</c>: the counter's ADD (UpdateItem) and the unique marker's conditional Put.</summary>
    public static IReadOnlyList<IamRequirement> CampaignCounters { get; } =
    [
        new("dynamodb:UpdateItem", IamResourceKind.Table),
        new("dynamodb:PutItem", IamResourceKind.Table),
    ];

    /// <summary><c>SesMailTransport.SendAsync</c> naming a configuration set: SendEmail is authorised on the set as well.</summary>
    public static IReadOnlyList<IamRequirement> SesSendEmailConfigurationSet { get; } = [new("ses:SendEmail", IamResourceKind.ConfigurationSet)];

    /// <summary><c>DynamoDbRateLimitCounter</c>: one conditional UpdateItem (ADD) per request.</summary>
    public static IReadOnlyList<IamRequirement> RateLimitCounter { get; } = [new("dynamodb:UpdateItem", IamResourceKind.Table)];

    /// <summary>
    /// <c>S3ReportLocator.FindAsync</c>: HeadObject needs <c>s3:GetObject</c> on the object, and
    /// <c>s3:ListBucket</c> on the bucket, without which S3 answers a missing key with 403, not 404.
    /// </summary>
    public static IReadOnlyList<IamRequirement> S3ReportLocator { get; } =
    [
        new("s3:GetObject", IamResourceKind.BucketObjects),
        new("s3:ListBucket", IamResourceKind.Bucket),
    ];

    /// <summary><c>SesContactList</c>: GetContact, CreateContact, UpdateContact on the list.</summary>
    public static IReadOnlyList<IamRequirement> SesContactList { get; } =
    [
        new("ses:GetContact", IamResourceKind.ContactList),
        new("ses:CreateContact", IamResourceKind.ContactList),
        new("ses:UpdateContact", IamResourceKind.ContactList),
    ];

    /// <summary><c>SesMailTransport.SendAsync</c> without a contact list (the suite writes List-Unsubscribe): SendEmail on the sending identity.</summary>
    public static IReadOnlyList<IamRequirement> SesSendEmail { get; } = [new("ses:SendEmail", IamResourceKind.EmailIdentity)];

    /// <summary><c>SesEmailTemplateStore.GetAsync</c> (the send-template-email route): GetEmailTemplate on the account's templates.</summary>
    public static IReadOnlyList<IamRequirement> SesGetEmailTemplate { get; } = [new("ses:GetEmailTemplate", IamResourceKind.EmailTemplate)];

    /// <summary>
    /// <c>SesMailTransport.SendAsync</c> with a contact list (SES writes List-Unsubscribe through
    /// ListManagementOptions): SendEmail is authorised on the identity and on the contact list.
    /// </summary>
    public static IReadOnlyList<IamRequirement> SesSendEmailWithListManagement { get; } =
    [
        new("ses:SendEmail", IamResourceKind.EmailIdentity),
        new("ses:SendEmail", IamResourceKind.ContactList),
    ];

    /// <summary>
    /// <c>SecretsManagerClient.GetSecretStringAsync</c>: GetSecretValue on the secret, and
    /// kms:Decrypt on its customer-managed key (Secrets Manager decrypts on the caller's behalf).
    /// </summary>
    public static IReadOnlyList<IamRequirement> SecretsManagerGetSecretValue { get; } =
    [
        new("secretsmanager:GetSecretValue", IamResourceKind.Secret),
        new("kms:Decrypt", IamResourceKind.SecretEncryptionKey),
    ];

    /// <summary><c>DynamoDbSpaceMembership.IsMemberAsync</c>: one GetItem (the function never grants, revokes or lists).</summary>
    public static IReadOnlyList<IamRequirement> SpaceMembershipCheck { get; } = [new("dynamodb:GetItem", IamResourceKind.Table)];

    /// <summary><c>DynamoDbSpaceMembership</c> for operators (<c>crm-mail spaces</c>): grant, revoke, list a uid's spaces, list all.</summary>
    public static IReadOnlyList<IamRequirement> SpaceMembershipAdmin { get; } =
    [
        new("dynamodb:GetItem", IamResourceKind.Table),
        new("dynamodb:PutItem", IamResourceKind.Table),
        new("dynamodb:DeleteItem", IamResourceKind.Table),
        new("dynamodb:Query", IamResourceKind.Table),
        new("dynamodb:Scan", IamResourceKind.Table),
    ];

    /// <summary><c>S3ImageStore.ListAsync</c>: ListObjectsV2 is <c>s3:ListBucket</c> on the bucket, only under <c>spaces/</c>.</summary>
    public static IReadOnlyList<IamRequirement> S3ImageStore { get; } = [new("s3:ListBucket", IamResourceKind.SpacesListing)];

    /// <summary><c>DynamoDbCampaignStatsReader</c>: a campaign's range is a Query on the table's key, a day's campaigns a Query on its byDay index.</summary>
    public static IReadOnlyList<IamRequirement> CampaignStatsRead { get; } =
    [
        new("dynamodb:Query", IamResourceKind.Table),
        new("dynamodb:Query", IamResourceKind.TableIndexes),
    ];

    /// <summary><c>DynamoDbDeliveryEventReader</c>: Queries on the events table's indexes (byMessage, byRecipient, byDay) only.</summary>
    public static IReadOnlyList<IamRequirement> DeliveryEventRead { get; } = [new("dynamodb:Query", IamResourceKind.TableIndexes)];
    /// <summary><c>DynamoDbCampaignStore</c> as the planner uses it: the campaign (GetItem) and its move to sending or failed (a conditional UpdateItem).</summary>
    public static IReadOnlyList<IamRequirement> CampaignStorePlan { get; } =
    [
        new("dynamodb:GetItem", IamResourceKind.Table),
        new("dynamodb:UpdateItem", IamResourceKind.Table),
    ];

    /// <summary>
    /// <c>DynamoDbCampaignStore</c> as the sender uses it: the campaign and a claimed row
    /// (GetItem), the claim and a parked batch (conditional PutItem), the record (TransactWriteItems
    /// of two Updates, authorised as UpdateItem on the table) and the completion (UpdateItem), the
    /// release of a claim (conditional DeleteItem).
    /// </summary>
    public static IReadOnlyList<IamRequirement> CampaignStoreSend { get; } =
    [
        new("dynamodb:GetItem", IamResourceKind.Table),
        new("dynamodb:PutItem", IamResourceKind.Table),
        new("dynamodb:UpdateItem", IamResourceKind.Table),
        new("dynamodb:DeleteItem", IamResourceKind.Table),
    ];

    /// <summary>
    /// <c>S3CampaignObjects</c> reading a campaign's list or content: GetObject on the objects, and
    /// <c>s3:ListBucket</c> on the bucket, without which S3 answers a missing key with 403 (an
    /// outage, retried) instead of 404 (a missing list, logged and acknowledged).
    /// </summary>
    public static IReadOnlyList<IamRequirement> CampaignObjectsRead { get; } =
    [
        new("s3:GetObject", IamResourceKind.BucketObjects),
        new("s3:ListBucket", IamResourceKind.Bucket),
    ];

    /// <summary><c>SqsCampaignQueue.EnqueueAsync</c>: SendMessageBatch, authorised as <c>sqs:SendMessage</c> on the queue.</summary>
    public static IReadOnlyList<IamRequirement> CampaignQueueSend { get; } = [new("sqs:SendMessage", IamResourceKind.Queue)];

    /// <summary>
    /// <c>DynamoDbCampaignStore</c> as the campaign API uses it: create (conditional PutItem),
    /// the campaign (GetItem), pause, resume, cancel and a failed launch (conditional UpdateItem),
    /// the recipients' pages and the parked batches (Query on the campaign's partition), and a
    /// parked batch's removal once resume has queued it again (DeleteItem).
    /// </summary>
    public static IReadOnlyList<IamRequirement> CampaignStoreApi { get; } =
    [
        new("dynamodb:PutItem", IamResourceKind.Table),
        new("dynamodb:GetItem", IamResourceKind.Table),
        new("dynamodb:UpdateItem", IamResourceKind.Table),
        new("dynamodb:Query", IamResourceKind.Table),
        new("dynamodb:DeleteItem", IamResourceKind.Table),
    ];

    /// <summary><c>S3CampaignObjects</c> storing a new campaign's content and list: PutObject, only under <c>campaigns/</c>.</summary>
    public static IReadOnlyList<IamRequirement> CampaignObjectsWrite { get; } = [new("s3:PutObject", IamResourceKind.BucketObjects, CampaignKeys.CampaignsPrefix)];

    /// <summary>
    /// <c>S3CampaignUploads.PresignPutAsync</c>: no request is made, but S3 authorises the
    /// presigned PUT as the role that signed it, so the role needs PutObject, only under <c>uploads/</c>.
    /// </summary>
    public static IReadOnlyList<IamRequirement> CampaignUploadsPresign { get; } = [new("s3:PutObject", IamResourceKind.BucketObjects, CampaignKeys.UploadsPrefix)];

    /// <summary>
    /// <c>S3CampaignUploads.ReadAsync</c>: HeadObject and GetObject (both <c>s3:GetObject</c>) only
    /// under <c>uploads/</c>, and <c>s3:ListBucket</c> on the bucket, without which S3 answers a
    /// missing upload with 403 (a 503 to the caller) instead of 404 (a 400 naming recipientsS3Key).
    /// </summary>
    public static IReadOnlyList<IamRequirement> CampaignUploadsRead { get; } =
    [
        new("s3:GetObject", IamResourceKind.BucketObjects, CampaignKeys.UploadsPrefix),
        new("s3:ListBucket", IamResourceKind.Bucket),
    ];

    /// <summary><c>SqsCampaignLauncher.LaunchAsync</c>: one SendMessage on the plan queue.</summary>
    public static IReadOnlyList<IamRequirement> CampaignLaunch { get; } = [new("sqs:SendMessage", IamResourceKind.Queue)];
}
