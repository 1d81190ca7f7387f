namespace CrmMail.Aws.Iam;

/// <summary>The kind of AWS resource an IAM action applies to; the stack binds each to a concrete ARN.</summary>
public enum IamResourceKind
{
    /// <summary>A DynamoDB table (<c>arn:aws:dynamodb:…:table/NAME</c>).</summary>
    Table,

    /// <summary>A KMS key (<c>arn:aws:kms:…:key/ID</c>).</summary>
    KmsKey,

    /// <summary>The objects of an S3 bucket (<c>arn:aws:s3:::BUCKET/*</c>).</summary>
    BucketObjects,

    /// <summary>An S3 bucket itself (<c>arn:aws:s3:::BUCKET</c>).</summary>
    Bucket,

    /// <summary>A Secrets Manager secret.</summary>
    Secret,

    /// <summary>The KMS key that encrypts a Secrets Manager secret (decrypt happens on the caller's behalf).</summary>
    SecretEncryptionKey,

    /// <summary>An SES v2 contact list.</summary>
    ContactList,

    /// <summary>An SES sending identity (domain or address).</summary>
    EmailIdentity,

    /// <summary>SES email templates (<c>arn:aws:ses:…:template/*</c>): the CRM names the template at send time.</summary>
    EmailTemplate,
    /// <summary>An S3 bucket, listed only under the gallery's <c>spaces/</c> prefix (an <c>s3:prefix</c> condition).</summary>
    SpacesListing,

    /// <summary>The stack's SES configuration sets (SendEmail naming one is authorised on it too).</summary>
    ConfigurationSet,

    /// <summary>A DynamoDB table's global secondary indexes (<c>arn:aws:dynamodb:…:table/NAME/index/*</c>): the read side queries them.</summary>
    TableIndexes,
    /// <summary>An SQS queue (<c>arn:aws:sqs:…:NAME</c>).</summary>
    Queue,
}
