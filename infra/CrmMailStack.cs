using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SES;
using Amazon.CDK.AWS.SES.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;
using CrmMail.Aws.Iam;
using CrmMail.Infra.Api;
using CrmMail.Infra.Constructs;
using CrmMail.Infra.Functions;
using CrmMail.Mail.Sending;
using CrmMail.Routes;
using CrmMail.Settings;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Infra;

/// <summary>
/// The whole suite: report delivery, subscription state, the functions with exactly the
/// permissions each needs, the REST API from the shared route table, inbound mail and alarms.
/// </summary>
public sealed class CrmMailStack : Stack
{
    // The gallery's images and uploads: spaces/{spaceId}/… in the report bucket (layers/CrmMail.Gallery/SpaceId).
    private const string GalleryUploadPath = "spaces/*";

    public CrmMailStack(Construct scope, string id, StackSettings settings, IStackProps? props = null)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Amazon.CDK.Tags.Of(this).Add("project", "crm-mail");
        Amazon.CDK.Tags.Of(this).Add("stage", settings.Stage);
        // Every secret of the stack is encrypted with this key; a reader needs kms:Decrypt on it
        // through Secrets Manager, so a grant on the key is as narrow as the secret grants.
        var secretsKey = new Key(this, "SecretsKey", new KeyProps { Description = "Encrypts the CRM Mail secrets", EnableKeyRotation = true, RemovalPolicy = RemovalPolicy.RETAIN });
        // The gallery's signed uploads (PUT spaces/*) go through the report distribution; the
        // guard binds each PUT's Content-Type and Content-Length to its signed URL (README: Gallery).
        var uploadGuard = new Amazon.CDK.AWS.CloudFront.Function(this, "GalleryUploadGuard", new Amazon.CDK.AWS.CloudFront.FunctionProps
        {
            Code = Amazon.CDK.AWS.CloudFront.FunctionCode.FromFile(new Amazon.CDK.AWS.CloudFront.FileCodeOptions { FilePath = Edge.GalleryUploadGuard.SourcePath }),
            Runtime = Amazon.CDK.AWS.CloudFront.FunctionRuntime.JS_2_0,
            Comment = "Gallery uploads: Content-Type and Content-Length as signed",
        });
        var reports = new ReportsDelivery(this, "Reports", settings, secretsKey, new UploadBehavior(GalleryUploadPath) { ViewerRequestFunction = uploadGuard });
        var state = new SubscriptionState(this, "State", settings, secretsKey);
        var gallery = new GalleryState(this, "Spaces");
        // Campaigns (issue 16): the table, the private bucket, the plan and campaign queues.
        var campaigns = new CampaignEngine(this, "Campaigns", settings);
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
                AccessLogDestination = new LogGroupLogDestination(new LogGroup(this, "ApiAccessLogs", new LogGroupProps { Retention = AotFunction.Retention(settings.LogRetentionDays), RemovalPolicy = RemovalPolicy.RETAIN })),
                AccessLogFormat = ApiAccessLog.Format,
                MethodOptions = StackRoutes.All.ToDictionary(r => r.Path + "/" + r.Method, r => (IMethodDeploymentOptions)Throttle(r.Throttle)),
            },
            EndpointConfiguration = new EndpointConfiguration { Types = [EndpointType.REGIONAL] },
        });
        if (settings.WafRateLimit is { } rateLimit)
        {
            // The routes anyone on the internet reaches: unsubscribe links and add-contact.
            var publicPaths = StackRoutes.All.Where(r => r.Throttle == ThrottleClass.Read).Select(r => r.Path).Distinct().ToList();
            _ = new ApiFirewall(this, "ApiFirewall", settings, api.DeploymentStage, publicPaths, rateLimit);
            // A blocked request (the only rule is the rate limit) is told to slow down, in the contract's shape.
            api.AddGatewayResponse("WafFiltered", new GatewayResponseOptions
            {
                Type = ResponseType_.WAF_FILTERED,
                StatusCode = "429",
                ResponseHeaders = new Dictionary<string, string> { ["Retry-After"] = "'60'" },
                Templates = new Dictionary<string, string> { ["application/json"] = "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many requests from this address; retry later.\"}}" },
            });
        }
        else
        {
            Nag.Suppress(api.DeploymentStage, new Nag.Rule("AwsSolutions-APIG3", "No WAF web ACL unless -c wafRateLimit=N (README): per-method throttling and the usage plan's quota bound abuse, and every route checks a key, token or signature in the function."));
        }

        // POST /send-mail's body is checked against its JSON schema before the function runs; a
        // refusal answers the contract's error shape with the function's code (validation_failed).
        var sendMailModel = api.AddModel("SendMailRequest", new ModelOptions { ContentType = "application/json", Schema = SendMailRequestSchema.Build(), Description = "POST /send-mail body" });
        var sendMailValidator = api.AddRequestValidator("SendMailValidator", new RequestValidatorOptions { ValidateRequestBody = true, ValidateRequestParameters = true });
        api.AddGatewayResponse("BadRequestBody", new GatewayResponseOptions
        {
            Type = ResponseType_.BAD_REQUEST_BODY,
            StatusCode = "400",
            Templates = new Dictionary<string, string> { ["application/json"] = SendMailRequestSchema.RejectionBody },
        });
        Nag.Suppress(api.Node.FindChild("CloudWatchRole"), new Nag.Rule("AwsSolutions-IAM4", "API Gateway's account-level logging role; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it.", "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"));
        // Built from the API id, not api.Url: the stage depends on the methods, which depend on
        // the functions, so referencing the stage from a function's environment is a cycle.
        var baseUrl = settings.ApiBaseUrl ?? $"https://{api.RestApiId}.execute-api.{Amazon.CDK.Aws.REGION}.{Amazon.CDK.Aws.URL_SUFFIX}/{settings.Stage}";

        var secrets = new Dictionary<string, ISecret>
        {
            [Catalogue.CloudFrontPrivateKeySecret.Name] = reports.PrivateKeySecret,
            [Catalogue.MailgunApiKeySecret.Name] = mailgunKey,
            [Catalogue.MailgunWebhookSigningKeySecret.Name] = webhookKey,
            [Catalogue.PiiHashKeySecret.Name] = state.PiiHashKey,
        };
        // SES event publishing: two configuration sets (tracked, untracked) → SNS → SesEvents.
        var sesEvents = new SesEventPublishing(this, "SesEventPublishing", settings);
        var sesEventDeadLetters = new Queue(this, "SesEventsDeadLetters", new QueueProps { RetentionPeriod = Duration.Days(14), EnforceSSL = true, Encryption = QueueEncryption.SQS_MANAGED });
        Nag.Suppress(sesEventDeadLetters, new Nag.Rule("AwsSolutions-SQS3", "This queue is itself the dead-letter destination (async-invoke OnFailure of SesEvents); nothing reads it but the operator."));

        var resources = new FunctionResources
        {
            Tables = new Dictionary<string, Amazon.CDK.AWS.DynamoDB.ITable>
            {
                [Catalogue.AuditTable.Name] = state.AuditTable,
                [Catalogue.ContactLeaseTable.Name] = state.ContactLeaseTable,
                [Catalogue.TokenKeysTable.Name] = state.TokenKeysTable,
                [Catalogue.IdempotencyTable.Name] = state.IdempotencyTable,
                [Catalogue.EventsTable.Name] = state.EventsTable,
                [Catalogue.RateLimitTable.Name] = state.RateLimitTable,
                [Catalogue.SpaceMembersTable.Name] = gallery.MembersTable,
                [Catalogue.CampaignStatsTable.Name] = state.CampaignStatsTable,
                [Catalogue.CampaignsTable.Name] = campaigns.Table,
            },
            Buckets = new Dictionary<string, Amazon.CDK.AWS.S3.IBucket> { [Catalogue.CampaignBucket.Name] = campaigns.Bucket },
            Queues = new Dictionary<string, IQueue>
            {
                [Catalogue.CampaignQueueUrl.Name] = campaigns.CampaignQueue,
                [Catalogue.CampaignPlanQueueUrl.Name] = campaigns.PlanQueue,
            },
            Secrets = secrets,
            TokenKey = state.TokenKey,
            SecretsKey = secretsKey,
            ReportsBucket = reports.Bucket,
            // By reference, so every function's contact list and every grant follow the list resource.
            ContactListArn = Arn("ses", $"contact-list/{state.ContactList.Ref}"),
            IdentityArn = Arn("ses", $"identity/{settings.SesIdentity}"),
            EmailTemplatesArn = Arn("ses", "template/*"),
            ConfigurationSetArns = sesEvents.Arns,
        };

        // Inbound mail: SES receipt rule → SNS (Base64) → MailtoUnsubscribe, failures to a DLQ.
        var inbound = new Topic(this, "InboundMail", new TopicProps { DisplayName = "Mail to the unsubscribe mailbox" });
        DenyInsecurePublish(inbound);
        var deadLetters = new Queue(this, "MailtoDeadLetters", new QueueProps { RetentionPeriod = Duration.Days(14), EnforceSSL = true, Encryption = QueueEncryption.SQS_MANAGED });
        Nag.Suppress(deadLetters, new Nag.Rule("AwsSolutions-SQS3", "This queue is itself the dead-letter destination (async-invoke OnFailure of MailtoUnsubscribe); nothing reads it but the operator."));

        // The functions: each a construct with its grants and alarms; the stack gives each its
        // environment (from the variable catalogue, infra/FunctionEnvironments.cs) and its composition.
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
            [Catalogue.RateLimitTable] = state.RateLimitTable.TableName,
            [Catalogue.SpaceMembersTable] = gallery.MembersTable.TableName,
            [Catalogue.CampaignStatsTable] = state.CampaignStatsTable.TableName,
            [Catalogue.SesConfigurationSetOutreach] = sesEvents.For(CrmMail.Subscriptions.Topics.Outreach),
            [Catalogue.SesConfigurationSetFinancial] = sesEvents.For(CrmMail.Subscriptions.Topics.Financial),
            [Catalogue.CampaignsTable] = campaigns.Table.TableName,
            [Catalogue.CampaignBucket] = campaigns.Bucket.BucketName,
            [Catalogue.CampaignQueueUrl] = campaigns.CampaignQueue.QueueUrl,
            // A claim older than the sender's timeout belongs to an invocation that has ended.
            [Catalogue.CampaignClaimTimeoutSeconds] = CampaignSenderFunction.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // POST /campaigns hands a stored campaign to the planner on its queue.
            [Catalogue.CampaignPlanQueueUrl] = campaigns.PlanQueue.QueueUrl,
        });
        var compositions = FunctionCompositions.For(settings).ToDictionary(c => c.Function);
        SuiteFunctionProps Props(string name) => new(FunctionProject(name), environments.For(name), compositions[name], resources, alarmAction, settings.LogRetentionDays, settings.SkipBuild);
        SuiteFunction[] suite =
        [
            new SendMailFunction(this, FunctionNames.SendMail, Props(FunctionNames.SendMail)),
            new UnsubscribeFunction(this, FunctionNames.Unsubscribe, Props(FunctionNames.Unsubscribe)),
            new AddContactFunction(this, FunctionNames.AddContact, Props(FunctionNames.AddContact)),
            new MailtoUnsubscribeFunction(this, FunctionNames.MailtoUnsubscribe, new MailtoUnsubscribeFunctionProps(Props(FunctionNames.MailtoUnsubscribe), inbound, deadLetters)),
            new MailgunWebhookFunction(this, FunctionNames.MailgunWebhook, Props(FunctionNames.MailgunWebhook)),
            new OutreachSendFunction(this, FunctionNames.OutreachSend, Props(FunctionNames.OutreachSend)),
            // Images under spaces/ of the reports bucket, served by the same distribution (README: Gallery).
            new GalleryFunction(this, FunctionNames.Gallery, Props(FunctionNames.Gallery)),
            new SesEventsFunction(this, FunctionNames.SesEvents, new SesEventsFunctionProps(Props(FunctionNames.SesEvents), sesEvents.Topic, sesEventDeadLetters)),
            new OutreachStatsFunction(this, FunctionNames.OutreachStats, Props(FunctionNames.OutreachStats)),
            new CampaignPlannerFunction(this, FunctionNames.CampaignPlanner, new CampaignPlannerFunctionProps(Props(FunctionNames.CampaignPlanner), campaigns.PlanQueue, campaigns.PlanDeadLetters)),
            // The mapping's maximum concurrency is the value the sender divides SES's rate by: one setting, both places.
            new CampaignSenderFunction(this, FunctionNames.CampaignSender, new CampaignSenderFunctionProps(
                Props(FunctionNames.CampaignSender),
                campaigns.CampaignQueue,
                campaigns.CampaignDeadLetters,
                int.Parse(settings.FunctionContext[Catalogue.CampaignSenderMaxConcurrency.Name], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture))),
            // The campaign API (issue 16): stores and launches campaigns onto the plan queue, behind send-mail's API key.
            new CampaignsFunction(this, CampaignsFunction.ConstructId, Props(FunctionNames.Campaigns)),
        ];
        var functions = suite.ToDictionary(f => f.Name, f => f.Function);

        // Each secret readable only by the roles that use it, also from the secret's side: its
        // resource policy denies GetSecretValue to every other principal of the account.
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
        foreach (var route in StackRoutes.All)
        {
            var options = new MethodOptions { ApiKeyRequired = route.RequiresApiKey };
            if (route.Function == FunctionNames.SendMail)
            {
                options = new MethodOptions
                {
                    ApiKeyRequired = route.RequiresApiKey,
                    RequestValidator = sendMailValidator,
                    RequestModels = new Dictionary<string, IModel> { ["application/json"] = sendMailModel },
                };
            }

            var method = api.Root.ResourceForPath(route.Path).AddMethod(route.Method, new LambdaIntegration(functions[route.Function]), options);
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

        // What the functions emit (EMF, in the stage's metrics namespace): each recipient's outcome by Status
        // (SendMail), and each subscription change by Action and Source (every function, through the audit trail).
        Metric Sends(string status) => new(new MetricProps
        {
            Namespace = MetricsNamespace(settings),
            MetricName = "Sends",
            DimensionsMap = new Dictionary<string, string> { ["Status"] = status },
            Statistic = "Sum",
            Period = Duration.Minutes(5),
            Label = status,
        });
        Metric Unsubscribes(AuditSource source, string label) => new(new MetricProps
        {
            Namespace = MetricsNamespace(settings),
            MetricName = AuditTrail.ChangeMetric,
            DimensionsMap = new Dictionary<string, string> { ["Action"] = AuditNames.Of(AuditAction.Unsubscribe), ["Source"] = AuditNames.Of(source) },
            Statistic = "Sum",
            Period = Duration.Minutes(5),
            Label = label,
        });
        dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps { Title = "Sends by status (recipients)", Left = [Sends(RecipientResult.Sent), Sends(RecipientResult.Suppressed), Sends(RecipientResult.Failed)], Stacked = true, Width = 12 }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Unsubscribes by source",
                Left = [Unsubscribes(AuditSource.Get, "link (GET)"), Unsubscribes(AuditSource.Post, "one-click / confirmation (POST)"), Unsubscribes(AuditSource.Mailto, "mailto"), Unsubscribes(AuditSource.Webhook, "Mailgun webhook")],
                Stacked = true,
                Width = 12,
            }));

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
            // The secret variable's name in PascalCase + Arn (the private-key secret → CloudFrontPrivateKeySecretArn).
            var name = string.Concat(variable.Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant())) + "Arn";
            _ = new CfnOutput(this, name, new CfnOutputProps { Value = secret.SecretArn, Description = "Secret named by " + variable });
        }
        _ = new CfnOutput(this, "ReceiptRuleSetName", new CfnOutputProps { Value = ruleSet.ReceiptRuleSetName, Description = "Activate it once: aws ses set-active-receipt-rule-set --rule-set-name <this> (replaces the region's active set)" });
    }

    /// <summary>Where this repository keeps a function's project: functions/NAME/NAME.csproj.</summary>
    private static string FunctionProject(string name) => Path.Combine(StackSettings.RepositoryRoot(), "functions", name, name + ".csproj");

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
        (_, FunctionNames.OutreachSend) => "CRM staff's browser calls with a Firebase ID token; the function verifies it (CrmMail.Identity), its verified email and the deployment's required claim, and rate-limits per uid; identities are Firebase, not Cognito.",
        (_, FunctionNames.OutreachStats) => "CRM staff's browser calls with a Firebase ID token; the function verifies it (CrmMail.Identity), its verified email and the deployment's required claim, and rate-limits per uid; identities are Firebase, not Cognito.",
        (_, FunctionNames.Campaigns) => "Server-to-server from the CRM with send-mail's usage-plan API key (ApiKeyRequired); the function shows a campaign only to the API key that created it.",
        (_, FunctionNames.Gallery) => "The function verifies a Firebase ID token (CrmMail.Identity) and the caller's space membership; identities are Firebase, not Cognito.",
        _ => throw new ArgumentException($"{route.Method} {route.Path}: say who may call it and how the function authorizes it."),
    };

    /// <summary>The functions' metrics namespace: CrmMail for prod (as before stages), CrmMail-STAGE otherwise.</summary>
    private static string MetricsNamespace(StackSettings settings) => settings.Physical("CrmMail");

    private string Arn(string service, string resource) => Stack.Of(this).FormatArn(new ArnComponents { Service = service, Resource = resource, ArnFormat = ArnFormat.NO_RESOURCE_NAME });

    // Each route's own settings restate the stage's error-level execution logging.
    private static MethodDeploymentOptions Throttle(ThrottleClass throttle) => throttle switch
    {
        ThrottleClass.Send => new MethodDeploymentOptions { ThrottlingBurstLimit = 50, ThrottlingRateLimit = 25, LoggingLevel = MethodLoggingLevel.ERROR },
        ThrottleClass.Webhook => new MethodDeploymentOptions { ThrottlingBurstLimit = 200, ThrottlingRateLimit = 100, LoggingLevel = MethodLoggingLevel.ERROR },
        _ => new MethodDeploymentOptions { ThrottlingBurstLimit = 100, ThrottlingRateLimit = 50, LoggingLevel = MethodLoggingLevel.ERROR },
    };
}
