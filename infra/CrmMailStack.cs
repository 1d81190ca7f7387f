using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda.EventSources;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SES;
using Amazon.CDK.AWS.SES.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;
using CrmMail.Aws.Iam;
using CrmMail.Infra.Constructs;
using CrmMail.Routes;
using CrmMail.Settings;

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
        Amazon.CDK.Tags.Of(this).Add("project", "crm-mail");
        Amazon.CDK.Tags.Of(this).Add("stage", settings.Stage);
        // Every secret of the stack is encrypted with this key; a reader needs kms:Decrypt on it
        // through Secrets Manager, so a grant on the key is as narrow as the secret grants.
        var secretsKey = new Key(this, "SecretsKey", new KeyProps { Description = "Encrypts the CRM Mail secrets", EnableKeyRotation = true, RemovalPolicy = RemovalPolicy.RETAIN });
        var reports = new ReportsDelivery(this, "Reports", settings, secretsKey);
        var state = new SubscriptionState(this, "State", settings, secretsKey);
        // Alarms reach someone: an existing topic (alarmTopicArn) or the stack's own, with an
        // email subscription (alarmEmail) that its recipient confirms once.
        ITopic alarms = settings.AlarmTopicArn is { } alarmTopicArn
            ? Topic.FromTopicArn(this, "AlarmTopic", alarmTopicArn)
            : DenyInsecurePublish(new Topic(this, "AlarmTopic", new TopicProps { DisplayName = "CRM Mail alarms (" + settings.Stage + ")" }));
        if (settings.AlarmEmail is { } alarmEmail)
        {
            alarms.AddSubscription(new Amazon.CDK.AWS.SNS.Subscriptions.EmailSubscription(alarmEmail));
        }

        var alarmAction = new SnsAction(alarms);

                var contactListArn = Arn("ses", $"contact-list/{state.ContactList.Ref}");
        var identityArn = Arn("ses", $"identity/{settings.SesIdentity}");
        var mailgunKey = new Secret(this, "MailgunApiKey", new SecretProps { Description = "Mailgun API key (mailTransport=mailgun); filled by the operator", EncryptionKey = secretsKey, RemovalPolicy = RemovalPolicy.RETAIN });
        var webhookKey = new Secret(this, "MailgunWebhookSigningKey", new SecretProps { Description = "Mailgun webhook signing key; filled by the operator", EncryptionKey = secretsKey, RemovalPolicy = RemovalPolicy.RETAIN });
        Nag.Suppress(mailgunKey, new Nag.Rule("AwsSolutions-SMG4", "Issued by Mailgun, not AWS: rotated in Mailgun's console and pasted in by the operator (README); no rotation Lambda can mint one."));
        Nag.Suppress(webhookKey, new Nag.Rule("AwsSolutions-SMG4", "Issued by Mailgun, not AWS: rotated in Mailgun's console and pasted in by the operator (README); no rotation Lambda can mint one."));

        var api = new RestApi(this, "Api", new RestApiProps
        {
            RestApiName = settings.Physical("crm-mail"),
            Description = "CRM Mail (" + settings.Stage + ")",
            DeployOptions = new StageOptions
            {
                StageName = settings.Stage,
                TracingEnabled = true,
                // Execution logs for every method (errors only, never bodies: they hold addresses).
                LoggingLevel = MethodLoggingLevel.ERROR,
                DataTraceEnabled = false,
                AccessLogDestination = new LogGroupLogDestination(new LogGroup(this, "ApiAccessLogs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.RETAIN })),
                AccessLogFormat = AccessLogFormat.JsonWithStandardFields(),
                MethodOptions = RouteTable.All.ToDictionary(r => r.Path + "/" + r.Method, r => (IMethodDeploymentOptions)Throttle(r.Throttle)),
            },
            EndpointConfiguration = new EndpointConfiguration { Types = [EndpointType.REGIONAL] },
        });
        Nag.Suppress(api, new Nag.Rule("AwsSolutions-APIG2", "Each function validates its own input and answers the contract's JSON error body ({\"error\":{code,message,details}}); an API Gateway validator would answer a different shape."));
        Nag.Suppress(api.DeploymentStage, new Nag.Rule("AwsSolutions-APIG3", "No WAF web ACL: per-method throttling and the usage plan's quota bound abuse, and every route checks a key, token or signature in the function."));
        Nag.Suppress(api.Node.FindChild("CloudWatchRole"), new Nag.Rule("AwsSolutions-IAM4", "API Gateway's account-level logging role; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it.", "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"));
        // Built from the API id, not api.Url: the stage depends on the methods, which depend on
        // the functions, so referencing the stage from a function's environment is a cycle.
        var baseUrl = settings.ApiBaseUrl ?? $"https://{api.RestApiId}.execute-api.{Amazon.CDK.Aws.REGION}.{Amazon.CDK.Aws.URL_SUFFIX}/{settings.Stage}";

        // Each function's environment from the variable catalogue (infra/FunctionEnvironments.cs):
        // these are the stack's resources, bound to the variables that name them.
        var environments = new FunctionEnvironments(settings, new Dictionary<Setting, string>
        {
            // By reference, so every function's contact list and every grant follow the list resource.
            [Catalogue.SesContactListName] = state.ContactList.Ref,
            [Catalogue.UnsubscribeKmsKeyId] = state.TokenKey.KeyArn,
            [Catalogue.TokenKeysTable] = state.TokenKeysTable.TableName,
            [Catalogue.AuditTable] = state.AuditTable.TableName,
            [Catalogue.ContactLeaseTable] = state.ContactLeaseTable.TableName,
            // Per stage, so one stage's alarm never counts another stage's metrics.
            [Catalogue.MetricsNamespace] = MetricsNamespace(settings),
            // The secret's ARN, read at init like every other secret: the key never sits in the
            // function's configuration (readable with lambda:GetFunctionConfiguration).
            [Catalogue.PiiHashKeySecret] = state.PiiHashKey.SecretArn,
            [Catalogue.UnsubscribeBaseUrl] = baseUrl,
            [Catalogue.ReportsBucket] = reports.Bucket.BucketName,
            [Catalogue.CloudFrontDomain] = reports.DomainName(settings),
            [Catalogue.CloudFrontPrivateKeySecret] = reports.PrivateKeySecret.SecretArn,
            [Catalogue.IdempotencyTable] = state.IdempotencyTable.TableName,
            [Catalogue.EventsTable] = state.EventsTable.TableName,
            [Catalogue.MailgunApiKeySecret] = mailgunKey.SecretArn,
            [Catalogue.MailgunWebhookSigningKeySecret] = webhookKey.SecretArn,
        });
        var sendMail = Function("SendMail", 1024, 28, settings, alarmAction, environments.For(FunctionNames.SendMail));
        var unsubscribe = Function("Unsubscribe", 512, 15, settings, alarmAction, environments.For(FunctionNames.Unsubscribe));
        var addContact = Function("AddContact", 512, 15, settings, alarmAction, environments.For(FunctionNames.AddContact));
        var mailto = Function("MailtoUnsubscribe", 512, 30, settings, alarmAction, environments.For(FunctionNames.MailtoUnsubscribe));
        var webhook = Function("MailgunWebhook", 512, 15, settings, alarmAction, environments.For(FunctionNames.MailgunWebhook));

        // Least privilege from the compositions: each role gets exactly the actions its adapter
        // calls declare (CrmMail.Aws.Iam.AdapterPermissions), on the resource the function is
        // pointed at, with the token purpose as the KMS encryption-context condition.
        var functions = new Dictionary<string, Amazon.CDK.AWS.Lambda.Function>
        {
            [FunctionNames.SendMail] = sendMail,
            [FunctionNames.Unsubscribe] = unsubscribe,
            [FunctionNames.AddContact] = addContact,
            [FunctionNames.MailtoUnsubscribe] = mailto,
            [FunctionNames.MailgunWebhook] = webhook,
        };
        var tables = new Dictionary<string, Amazon.CDK.AWS.DynamoDB.ITable>
        {
            [Catalogue.AuditTable.Name] = state.AuditTable,
            [Catalogue.ContactLeaseTable.Name] = state.ContactLeaseTable,
            [Catalogue.TokenKeysTable.Name] = state.TokenKeysTable,
            [Catalogue.IdempotencyTable.Name] = state.IdempotencyTable,
            [Catalogue.EventsTable.Name] = state.EventsTable,
        };
        var secrets = new Dictionary<string, ISecret>
        {
            [Catalogue.CloudFrontPrivateKeySecret.Name] = reports.PrivateKeySecret,
            [Catalogue.MailgunApiKeySecret.Name] = mailgunKey,
            [Catalogue.MailgunWebhookSigningKeySecret.Name] = webhookKey,
            [Catalogue.PiiHashKeySecret.Name] = state.PiiHashKey,
        };
        string[] Resolve(string function, AdapterUse use, IamResourceKind kind) => kind switch
        {
            IamResourceKind.Table => [tables[use.Binding].TableArn],
            IamResourceKind.KmsKey => [state.TokenKey.KeyArn],
            IamResourceKind.Bucket => [reports.Bucket.BucketArn],
            IamResourceKind.BucketObjects => [reports.Bucket.ArnForObjects("*")],
            IamResourceKind.Secret => [secrets[use.Binding].SecretArn],
            IamResourceKind.SecretEncryptionKey => [secretsKey.KeyArn],
            IamResourceKind.ContactList => [contactListArn],
            IamResourceKind.EmailIdentity => [identityArn],
            _ => throw new ArgumentException($"{function}: no resource of kind {kind} for {use.Call}."),
        };
        foreach (var composition in FunctionCompositions.For(settings))
        {
            var function = functions[composition.Function];
            foreach (var use in composition.Uses)
            {
                foreach (var group in use.Requirements.GroupBy(r => r.Resource))
                {
                    function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
                    {
                        Sid = Sid(use.Call + use.Binding + group.Key),
                        Actions = group.Select(r => r.Action).Distinct().ToArray(),
                        Resources = Resolve(composition.Function, use, group.Key),
                        Conditions = Conditions(use, group.Key),
                    }));
                }
            }
        }

        // Each secret readable only by the roles that use it, also from the secret's side: its
        // resource policy denies GetSecretValue to every other principal of the account.
        foreach (var composition in FunctionCompositions.For(settings))
        {
            var role = functions[composition.Function].Role!;
            Nag.Suppress(role, new Nag.Rule("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs; the managed policy is the standard one for that.", "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
            var wildcards = new List<Nag.Rule> { new("AwsSolutions-IAM5", "X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level permissions: the resource must be *.", "Resource::*") };
            if (composition.Uses.Any(u => u.Requirements.Any(r => r.Resource == IamResourceKind.BucketObjects)))
            {
                wildcards.Add(new("AwsSolutions-IAM5", "Reads report objects under any key in the one reports bucket: the CRM names the keys at send time.", "/^Resource::<Reports[0-9A-F]+\\.Arn>\\/\\*$/"));
            }

            Nag.Suppress(role.Node.FindChild("DefaultPolicy"), wildcards.ToArray());
        }
        foreach (var (variable, secret) in secrets)
        {
            var readers = FunctionCompositions.For(settings)
                .Where(c => c.Uses.Any(u => u.Binding == variable && u.Requirements.Any(r => r.Resource == IamResourceKind.Secret)))
                .Select(c => functions[c.Function].Role!.RoleArn)
                .ToArray();
            secret.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "OnlyItsFunctions",
                Effect = Effect.DENY,
                Principals = [new AnyPrincipal()],
                Actions = ["secretsmanager:GetSecretValue"],
                Resources = ["*"],
                Conditions = readers.Length == 0 ? null : new Dictionary<string, object> { ["StringNotEquals"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = readers } },
            }));
        }

        // The API, from the shared route table.
        var plan = api.AddUsagePlan("UsagePlan", new UsagePlanProps
        {
            Name = settings.Physical("crm"),
            Quota = new QuotaSettings { Limit = 10_000, Period = Period.DAY },
            Throttle = new ThrottleSettings { BurstLimit = 50, RateLimit = 25 },
        });
        var apiKey = api.AddApiKey("CrmApiKey", new ApiKeyOptions { Description = "The CRM's key for /send-mail" });
        plan.AddApiKey(apiKey);
        plan.AddApiStage(new UsagePlanPerApiStage { Api = api, Stage = api.DeploymentStage });
        foreach (var route in RouteTable.All)
        {
            var method = api.Root.ResourceForPath(route.Path).AddMethod(route.Method, new LambdaIntegration(functions[route.Function]), new MethodOptions { ApiKeyRequired = route.RequiresApiKey });
            var why = MethodAuthorization(route);
            // cdk-nag's COG4 skips OPTIONS methods; APIG4 does not.
            Nag.Suppress(method, route.Method == "OPTIONS" ? [new Nag.Rule("AwsSolutions-APIG4", why)] : [new Nag.Rule("AwsSolutions-APIG4", why), new Nag.Rule("AwsSolutions-COG4", why)]);
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
        DenyInsecurePublish(inbound);
        var deadLetters = new Queue(this, "MailtoDeadLetters", new QueueProps { RetentionPeriod = Duration.Days(14), EnforceSSL = true, Encryption = QueueEncryption.SQS_MANAGED });
        Nag.Suppress(deadLetters, new Nag.Rule("AwsSolutions-SQS3", "This queue is itself the dead-letter destination (async-invoke OnFailure of MailtoUnsubscribe); nothing reads it but the operator."));
        mailto.AddEventSource(new SnsEventSource(inbound));
        mailto.ConfigureAsyncInvoke(new Amazon.CDK.AWS.Lambda.EventInvokeConfigOptions
        {
            RetryAttempts = 2,
            MaxEventAge = Duration.Hours(6),
            OnFailure = new Amazon.CDK.AWS.Lambda.Destinations.SqsDestination(deadLetters),
        });
        var ruleSet = new ReceiptRuleSet(this, "ReceiptRules", new ReceiptRuleSetProps
        {
            ReceiptRuleSetName = settings.Physical("crm-mail-inbound"),
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

        var auditFailed = new Metric(new MetricProps { Namespace = MetricsNamespace(settings), MetricName = "AuditWriteFailed", Statistic = "Sum", Period = Duration.Minutes(5) });
        new Alarm(this, "AuditWriteFailedAlarm", new AlarmProps
        {
            Metric = auditFailed,
            Threshold = 1,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
            AlarmDescription = "An audit row went to the logs (AUDIT_FALLBACK) instead of the audit table: replay it",
        }).AddAlarmAction(alarmAction);

        // CloudFront publishes its metrics in us-east-1 only (dimension Region=Global), and an
        // alarm watches metrics of its own region: the error-rate alarms exist when the stack is
        // deployed in us-east-1. Elsewhere the dashboard still shows the rates (dashboards read
        // across regions) and synth warns; the README gives the one-off us-east-1 alarm command.
        Metric EdgeRate(string name) => new(new MetricProps
        {
            Namespace = "AWS/CloudFront",
            MetricName = name,
            DimensionsMap = new Dictionary<string, string> { ["DistributionId"] = reports.Distribution.DistributionId, ["Region"] = "Global" },
            Statistic = "Average",
            Period = Duration.Minutes(5),
            Region = "us-east-1",
        });
        var edgeRates = new[] { ("4xxErrorRate", EdgeRate("4xxErrorRate")), ("5xxErrorRate", EdgeRate("5xxErrorRate")) };
        if (Region == "us-east-1")
        {
            foreach (var (name, metric) in edgeRates)
            {
                new Alarm(this, "Distribution" + name + "Alarm", new AlarmProps
                {
                    Metric = metric,
                    Threshold = 1,
                    EvaluationPeriods = 3,
                    ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                    TreatMissingData = TreatMissingData.NOT_BREACHING,
                    AlarmDescription = "Report links: CloudFront " + name + " above 1% (the CRM team's threshold)",
                }).AddAlarmAction(alarmAction);
            }
        }
        else
        {
            Annotations.Of(this).AddWarning("CloudFront error-rate alarms need the stack in us-east-1 (CloudFront metrics live there); see the README's deploy guide for the one-off alarm command.");
        }

        var dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DashboardName = settings.Physical("crm-mail") });
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps { Title = "Function errors", Left = functions.Select(f => (IMetric)f.Value.MetricErrors(new MetricOptions { Label = f.Key, Period = Duration.Minutes(5) })).ToArray(), Width = 12 }),
            new GraphWidget(new GraphWidgetProps { Title = "Function duration p99 (ms)", Left = functions.Select(f => (IMetric)f.Value.MetricDuration(new MetricOptions { Label = f.Key, Statistic = "p99", Period = Duration.Minutes(5) })).ToArray(), Width = 12 }));
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps { Title = "API 4xx / 5xx", Left = [api.MetricClientError(new MetricOptions { Period = Duration.Minutes(5) }), api.MetricServerError(new MetricOptions { Period = Duration.Minutes(5) })], Width = 8 }),
            new GraphWidget(new GraphWidgetProps { Title = "Audit fallbacks (AuditWriteFailed)", Left = [auditFailed], Width = 8 }),
            new GraphWidget(new GraphWidgetProps { Title = "Report links: CloudFront error rates (%) and cache hit rate", Left = edgeRates.Select(r => (IMetric)r.Item2).ToArray(), Right = [EdgeRate("CacheHitRate")], Width = 8 }));

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = api.Url });
        foreach (var (name, function) in functions)
        {
            // The name to recycle a function's containers by (key rotation, a changed secret).
            _ = new CfnOutput(this, name + "FunctionName", new CfnOutputProps { Value = function.FunctionName, Description = name + " function name" });
        }

        _ = new CfnOutput(this, "AlarmTopicArn", new CfnOutputProps { Value = alarms.TopicArn });
        _ = new CfnOutput(this, "DashboardName", new CfnOutputProps { Value = dashboard.DashboardName });
        _ = new CfnOutput(this, "ApiKeyId", new CfnOutputProps { Value = apiKey.KeyId, Description = "aws apigateway get-api-key --include-value --api-key <this>" });
        _ = new CfnOutput(this, "ReportsBucketName", new CfnOutputProps { Value = reports.Bucket.BucketName, Description = "Where the CRM uploads reports" });
        _ = new CfnOutput(this, "ContactListName", new CfnOutputProps { Value = state.ContactList.Ref });
        foreach (var (variable, secret) in secrets)
        {
            // The private-key secret's variable → CloudFrontPrivateKeySecretArn, and so on.
            var name = string.Concat(variable.Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant())) + "Arn";
            _ = new CfnOutput(this, name, new CfnOutputProps { Value = secret.SecretArn, Description = "Secret named by " + variable });
        }
        _ = new CfnOutput(this, "ReceiptRuleSetName", new CfnOutputProps { Value = ruleSet.ReceiptRuleSetName, Description = "Activate it once: aws ses set-active-receipt-rule-set --rule-set-name <this> (replaces the region's active set)" });
    }

    /// <summary>Topic policy: publishing without TLS is denied (cdk-nag SNS3; SES and CloudWatch publish over TLS).</summary>
    private static Topic DenyInsecurePublish(Topic topic)
    {
        // Written out: TopicProps.EnforceSSL emits no topic policy in this aws-cdk-lib (2.160).
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyPublishWithoutTls",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" } },
        }));
        return topic;
    }

    /// <summary>Why a route has no API Gateway authorizer (cdk-nag APIG4/COG4): who calls it and what the function checks instead.</summary>
    private static string MethodAuthorization(Route route) => (route.Method, route.Function) switch
    {
        ("OPTIONS", _) => "CORS preflight: browsers send it without credentials, so it cannot carry any; the function answers only the configured origins.",
        (_, FunctionNames.SendMail) => "Server-to-server from the CRM with the usage plan's API key (ApiKeyRequired); there is no end-user identity for a user-pool authorizer.",
        (_, FunctionNames.Unsubscribe) => "Recipients' unsubscribe links (RFC 8058 one-click): no login by design; the function checks the signed token in the query string.",
        (_, FunctionNames.AddContact) => "The function verifies a Firebase ID token or the recipient's signed resubscribe token (CrmMail.Identity); identities are Firebase, not Cognito.",
        (_, FunctionNames.MailgunWebhook) => "Mailgun cannot send credentials to a webhook; the function verifies Mailgun's HMAC signature with the webhook signing key.",
        _ => throw new ArgumentException($"{route.Method} {route.Path}: say who may call it and how the function authorizes it."),
    };

    private Amazon.CDK.AWS.Lambda.Function Function(string name, int memory, int timeout, StackSettings settings, IAlarmAction alarmAction, Dictionary<string, string> environment)
    {
        var function = new AotFunction(this, name, new AotFunctionProps(name, memory, timeout, environment, settings.LogRetentionDays, settings.SkipBuild));
        function.AddAlarms(alarmAction);
        return function.Function;
    }

    /// <summary>The KMS purpose condition (token keys) or the via-service condition (secrets' key) of a statement.</summary>
    private static Dictionary<string, object>? Conditions(AdapterUse use, IamResourceKind kind) => kind switch
    {
        IamResourceKind.KmsKey when use.KmsPurpose is { } purpose => new() { ["StringEquals"] = new Dictionary<string, object> { ["kms:EncryptionContext:purpose"] = purpose } },
        IamResourceKind.KmsKey => throw new ArgumentException($"{use.Call}: a token-key call must name its purpose (the encryption context)."),
        IamResourceKind.SecretEncryptionKey => new() { ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"secretsmanager.{Amazon.CDK.Aws.REGION}.amazonaws.com" } },
        _ => null,
    };

    /// <summary>The functions' metrics namespace: CrmMail for prod (as before stages), CrmMail-STAGE otherwise.</summary>
    private static string MetricsNamespace(StackSettings settings) => settings.Physical("CrmMail");

    private static string Sid(string text) => new(text.Where(char.IsAsciiLetterOrDigit).ToArray());

    private string Arn(string service, string resource) => Stack.Of(this).FormatArn(new ArnComponents { Service = service, Resource = resource, ArnFormat = ArnFormat.NO_RESOURCE_NAME });

    // Each route's own settings restate the stage's error-level execution logging.
    private static MethodDeploymentOptions Throttle(ThrottleClass throttle) => throttle switch
    {
        ThrottleClass.Send => new MethodDeploymentOptions { ThrottlingBurstLimit = 50, ThrottlingRateLimit = 25, LoggingLevel = MethodLoggingLevel.ERROR },
        ThrottleClass.Webhook => new MethodDeploymentOptions { ThrottlingBurstLimit = 200, ThrottlingRateLimit = 100, LoggingLevel = MethodLoggingLevel.ERROR },
        _ => new MethodDeploymentOptions { ThrottlingBurstLimit = 100, ThrottlingRateLimit = 50, LoggingLevel = MethodLoggingLevel.ERROR },
    };
}
