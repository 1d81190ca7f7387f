using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SES;
using Amazon.CDK.AWS.SES.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;
using CrmMail.Infra.Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra;

/// <summary>
/// The whole suite: report delivery, subscription state, the five functions with exactly the
/// permissions each needs, the REST API from the shared route table, inbound mail and alarms.
/// </summary>
public sealed class CrmMailStack : Stack
{
    public CrmMailStack(Construct scope, string id, StackSettings settings, IStackProps? props = null)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reports = new ReportsDelivery(this, "Reports", settings);
        var state = new SubscriptionState(this, "State", settings);
        var alarms = new Topic(this, "AlarmTopic", new TopicProps { DisplayName = "CRM Mail alarms" });
        var alarmAction = new SnsAction(alarms);

        var contactListArn = Arn("ses", $"contact-list/{settings.ContactListName}");
        var identityArn = Arn("ses", $"identity/{settings.SesIdentity}");
        var mailgunKey = new Secret(this, "MailgunApiKey", new SecretProps { Description = "Mailgun API key (MAIL_TRANSPORT=mailgun); filled by the operator", RemovalPolicy = RemovalPolicy.RETAIN });
        var webhookKey = new Secret(this, "MailgunWebhookSigningKey", new SecretProps { Description = "Mailgun webhook signing key; filled by the operator", RemovalPolicy = RemovalPolicy.RETAIN });

        var api = new RestApi(this, "Api", new RestApiProps
        {
            Description = "CRM Mail",
            DeployOptions = new StageOptions
            {
                StageName = "prod",
                TracingEnabled = true,
                AccessLogDestination = new LogGroupLogDestination(new LogGroup(this, "ApiAccessLogs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.RETAIN })),
                AccessLogFormat = AccessLogFormat.JsonWithStandardFields(),
                MethodOptions = RouteTable.All.ToDictionary(r => r.Path + "/" + r.Method, r => (IMethodDeploymentOptions)Throttle(r.Throttle)),
            },
            EndpointConfiguration = new EndpointConfiguration { Types = [EndpointType.REGIONAL] },
        });
        // Built from the API id, not api.Url: the stage depends on the methods, which depend on
        // the functions, so referencing the stage from a function's environment is a cycle.
        var baseUrl = settings.ApiBaseUrl ?? $"https://{api.RestApiId}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}/prod";

        Dictionary<string, string> Common() => new()
        {
            ["SES_CONTACT_LIST_NAME"] = settings.ContactListName,
            ["UNSUBSCRIBE_KMS_KEY_ID"] = state.TokenKey.KeyArn,
            ["TOKEN_KEYS_TABLE"] = state.TokenKeysTable.TableName,
            ["AUDIT_TABLE"] = state.AuditTable.TableName,
            ["CONTACT_LEASE_TABLE"] = state.ContactLeaseTable.TableName,
            // Resolved by CloudFormation at deploy time; the template holds only the reference.
            ["PII_HASH_KEY"] = state.PiiHashKey.SecretValue.UnsafeUnwrap(),
        };

        var sendMail = Function("SendMail", 1024, 28, settings, alarmAction, new(Common())
        {
            ["MAIL_TRANSPORT"] = settings.MailTransport,
            ["UNSUBSCRIBE_BASE_URL"] = baseUrl,
            ["UNSUBSCRIBE_MAILBOX"] = settings.UnsubscribeMailbox,
            ["REPORTS_BUCKET"] = reports.Bucket.BucketName,
            ["CLOUDFRONT_DOMAIN"] = reports.DomainName(settings),
            ["CLOUDFRONT_PRIVATE_KEY_SECRET"] = reports.PrivateKeySecret.SecretArn,
            ["IDEMPOTENCY_TABLE"] = state.IdempotencyTable.TableName,
        });
        if (settings.MailTransport == "mailgun")
        {
            sendMail.AddEnvironment("MAILGUN_DOMAIN", settings.MailgunDomain ?? throw new ArgumentException("CDK context 'mailgunDomain' is required with mailTransport=mailgun."));
            sendMail.AddEnvironment("MAILGUN_API_KEY_SECRET", mailgunKey.SecretArn);
        }
        var unsubscribe = Function("Unsubscribe", 512, 15, settings, alarmAction, new(Common())
        {
            ["UNSUBSCRIBE_GET_MODE"] = settings.UnsubscribeGetMode,
            ["UNSUBSCRIBE_CONFIRMATION_URL"] = settings.ConfirmationUrl,
        });
        var addContact = Function("AddContact", 512, 15, settings, alarmAction, new(Common())
        {
            ["FIREBASE_PROJECT_ID"] = settings.FirebaseProjectId,
            ["CORS_ALLOWED_ORIGINS"] = string.Join(',', settings.CorsOrigins),
        });
        var mailto = Function("MailtoUnsubscribe", 512, 30, settings, alarmAction, Common());
        var webhook = Function("MailgunWebhook", 512, 15, settings, alarmAction, new(Common())
        {
            ["MAILGUN_WEBHOOK_SIGNING_KEY_SECRET"] = webhookKey.SecretArn,
            ["EVENTS_TABLE"] = state.EventsTable.TableName,
            ["IDEMPOTENCY_TABLE"] = state.IdempotencyTable.TableName,
        });

        // Least privilege, next to the functions: only the actions each one calls, on its resources.
        string[] contactActions = ["ses:GetContact", "ses:CreateContact", "ses:UpdateContact"];
        foreach (var function in new[] { sendMail, unsubscribe, addContact, mailto, webhook })
        {
            function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps { Sid = "ContactList", Actions = contactActions, Resources = [contactListArn] }));
            state.AuditTable.Grant(function, "dynamodb:PutItem");
            state.PiiHashKey.GrantRead(function);
        }

        foreach (var function in new[] { sendMail, unsubscribe })
        {
            state.TokenKey.Grant(function, "kms:GenerateDataKey");
        }

        foreach (var function in new[] { unsubscribe, addContact, mailto })
        {
            state.TokenKey.Grant(function, "kms:Decrypt");
        }

        // Only the functions that change contacts take the per-contact lease (send-mail's gate only
        // creates contacts, conditionally, and needs none).
        foreach (var function in new[] { unsubscribe, addContact, mailto, webhook })
        {
            state.ContactLeaseTable.Grant(function, "dynamodb:PutItem", "dynamodb:DeleteItem");
        }

        state.TokenKeysTable.Grant(sendMail, "dynamodb:PutItem", "dynamodb:GetItem");
        state.TokenKeysTable.Grant(unsubscribe, "dynamodb:PutItem", "dynamodb:GetItem");
        state.TokenKeysTable.Grant(addContact, "dynamodb:GetItem");
        state.TokenKeysTable.Grant(mailto, "dynamodb:GetItem");
        state.IdempotencyTable.Grant(sendMail, "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:DeleteItem");
        state.IdempotencyTable.Grant(webhook, "dynamodb:PutItem", "dynamodb:DeleteItem");
        state.EventsTable.Grant(webhook, "dynamodb:PutItem", "dynamodb:GetItem");
        sendMail.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps { Sid = "SendEmail", Actions = ["ses:SendEmail"], Resources = [identityArn, contactListArn] }));
        sendMail.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps { Sid = "ReadReports", Actions = ["s3:GetObject"], Resources = [reports.Bucket.ArnForObjects("*")] }));
        reports.PrivateKeySecret.GrantRead(sendMail);
        if (settings.MailTransport == "mailgun")
        {
            mailgunKey.GrantRead(sendMail);
        }

        webhookKey.GrantRead(webhook);

        // The API, from the shared route table.
        var plan = api.AddUsagePlan("UsagePlan", new UsagePlanProps
        {
            Name = "crm",
            Quota = new QuotaSettings { Limit = 10_000, Period = Period.DAY },
            Throttle = new ThrottleSettings { BurstLimit = 50, RateLimit = 25 },
        });
        plan.AddApiKey(api.AddApiKey("CrmApiKey", new ApiKeyOptions { Description = "The CRM's key for /send-mail" }));
        plan.AddApiStage(new UsagePlanPerApiStage { Api = api, Stage = api.DeploymentStage });
        var byName = new Dictionary<string, Amazon.CDK.AWS.Lambda.Function>
        {
            [FunctionNames.SendMail] = sendMail,
            [FunctionNames.Unsubscribe] = unsubscribe,
            [FunctionNames.AddContact] = addContact,
            [FunctionNames.MailgunWebhook] = webhook,
        };
        foreach (var route in RouteTable.All)
        {
            api.Root.ResourceForPath(route.Path).AddMethod(route.Method, new LambdaIntegration(byName[route.Function]), new MethodOptions { ApiKeyRequired = route.RequiresApiKey });
        }

        new Alarm(this, "Api5xxAlarm", new AlarmProps
        {
            Metric = api.MetricServerError(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Average" }),
            Threshold = 0.05,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
            AlarmDescription = "More than 5% of API requests answered 5xx",
        }).AddAlarmAction(alarmAction);

        // Inbound mail: SES receipt rule → SNS (Base64) → MailtoUnsubscribe, failures to a DLQ.
        var inbound = new Topic(this, "InboundMail", new TopicProps { DisplayName = "Mail to the unsubscribe mailbox" });
        var deadLetters = new Queue(this, "MailtoDeadLetters", new QueueProps { RetentionPeriod = Duration.Days(14), EnforceSSL = true, Encryption = QueueEncryption.SQS_MANAGED });
        mailto.AddEventSource(new SnsEventSource(inbound));
        mailto.ConfigureAsyncInvoke(new Amazon.CDK.AWS.Lambda.EventInvokeConfigOptions
        {
            RetryAttempts = 2,
            MaxEventAge = Duration.Hours(6),
            OnFailure = new Amazon.CDK.AWS.Lambda.Destinations.SqsDestination(deadLetters),
        });
        new ReceiptRuleSet(this, "ReceiptRules", new ReceiptRuleSetProps
        {
            Rules =
            [
                new ReceiptRuleOptions
                {
                    Recipients = [settings.UnsubscribeMailbox],
                    ScanEnabled = true,
                    Actions = [new Amazon.CDK.AWS.SES.Actions.Sns(new SnsProps { Topic = inbound, Encoding = EmailEncoding.BASE64 })],
                },
            ],
        });
        new Alarm(this, "DeadLetterAlarm", new AlarmProps
        {
            Metric = deadLetters.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Duration.Minutes(5) }),
            Threshold = 1,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
            AlarmDescription = "A mailto unsubscribe could not be processed",
        }).AddAlarmAction(alarmAction);

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = api.Url });
        _ = new CfnOutput(this, "AlarmTopicArn", new CfnOutputProps { Value = alarms.TopicArn });
    }

    private Amazon.CDK.AWS.Lambda.Function Function(string name, int memory, int timeout, StackSettings settings, IAlarmAction alarmAction, Dictionary<string, string> environment)
    {
        var function = new AotFunction(this, name, new AotFunctionProps(name, memory, timeout, environment, settings.LogRetentionDays, settings.SkipBuild));
        function.AddAlarms(alarmAction);
        return function.Function;
    }

    private string Arn(string service, string resource) => Stack.Of(this).FormatArn(new ArnComponents { Service = service, Resource = resource, ArnFormat = ArnFormat.NO_RESOURCE_NAME });

    private static MethodDeploymentOptions Throttle(ThrottleClass throttle) => throttle switch
    {
        ThrottleClass.Send => new MethodDeploymentOptions { ThrottlingBurstLimit = 50, ThrottlingRateLimit = 25 },
        ThrottleClass.Webhook => new MethodDeploymentOptions { ThrottlingBurstLimit = 200, ThrottlingRateLimit = 100 },
        _ => new MethodDeploymentOptions { ThrottlingBurstLimit = 100, ThrottlingRateLimit = 50 },
    };
}
