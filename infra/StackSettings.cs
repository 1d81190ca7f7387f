using System.Globalization;
using System.Text.Json;
using Constructs;
using CrmMail.Settings;

namespace CrmMail.Infra;

/// <summary>
/// One public key for the CloudFront key group. Its identity in the stack (construct id, so
/// logical id and CallerReference) derives from <paramref name="Name"/>, never from its place in
/// the list: removing one key leaves every other key untouched. <paramref name="ConstructId"/>
/// pins the id of a key deployed before ids came from names (then it was PublicKey0, 1, …).
/// </summary>
public sealed record PublicKeyEntry(string Name, string PublicKeyPem, string? ConstructId = null)
{
    /// <summary>The construct id of the key: <c>PublicKey-NAME</c>, or the pinned id.</summary>
    public string Id => ConstructId ?? "PublicKey-" + Name;
}

/// <summary>Everything the stack reads from CDK context (cdk.json or -c), validated once.</summary>
public sealed partial record StackSettings
{
    /// <summary>The deployment stage (<c>-c stage=NAME</c>, default prod): API stage, stack name, physical names, tags.</summary>
    public string Stage { get; init; } = DefaultStage;

    public required string StackName { get; init; }

    public required string UnsubscribeMailbox { get; init; }

    public required string SesIdentity { get; init; }

    public required string ContactListName { get; init; }

    public required string KmsAlias { get; init; }

    public required IReadOnlyList<PublicKeyEntry> PublicKeys { get; init; }

    public required IReadOnlyList<string> CorsOrigins { get; init; }

    public required string ConfirmationUrl { get; init; }

    public required string FirebaseProjectId { get; init; }

    public required string UnsubscribeGetMode { get; init; }

    public required int ReportsLifecycleDays { get; init; }

    public required int LogRetentionDays { get; init; }

    public string? DomainName { get; init; }

    /// <summary>The API's public base URL with the stage when a custom domain fronts it; default the execute-api URL.</summary>
    public string? ApiBaseUrl { get; init; }

    public string? CertificateArn { get; init; }

    public bool AccessLogs { get; init; }

    /// <summary>distributionAccessLogDays: how long CloudFront access logs are kept (default 90).</summary>
    public int AccessLogDays { get; init; } = 90;

    public string MailTransport { get; init; } = "ses";

    public string? MailgunDomain { get; init; }

    /// <summary>alarmEmail: an address subscribed (by email) to the alarm topic; it must confirm the subscription.</summary>
    public string? AlarmEmail { get; init; }

    /// <summary>alarmTopicArn: an existing SNS topic that receives the alarms instead of the stack's own topic.</summary>
    public string? AlarmTopicArn { get; init; }

    /// <summary>
    /// wafRateLimit: with a value, a regional WAF web ACL on the API stage blocks a source IP
    /// above this many requests to the public routes in five minutes; without, no WAF.
    /// </summary>
    public int? WafRateLimit { get; init; }

    /// <summary>
    /// The functions' context-reachable settings (<see cref="SettingSource.Context"/> in
    /// <see cref="Catalogue"/>), by variable name: the context value checked with the rule the
    /// function applies at init, or the catalogue's default. Only those whose condition holds.
    /// </summary>
    public IReadOnlyDictionary<string, string> FunctionContext { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Functions whose mail transport may differ from <c>mailTransport</c>'s, each with the context
    /// key that sets it (default: <c>mailTransport</c>'s value). Each function reads one
    /// MAIL_TRANSPORT; the stack sets it per function, with that transport's variables and grants,
    /// so the Outreach routes can send through Mailgun while send-mail stays on SES, or the reverse.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TransportContextKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CrmMail.Routes.FunctionNames.OutreachSend] = "outreachMailTransport",
    };

    /// <summary>
    /// The functions whose context differs from <see cref="FunctionContext"/> (a transport of their
    /// own, <see cref="TransportContextKeys"/>): each one's whole context, resolved by the same rules.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FunctionContextOverrides { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The context-reachable settings of <paramref name="function"/>: its own where it has a transport of its own, else <see cref="FunctionContext"/>.</summary>
    public IReadOnlyDictionary<string, string> ContextFor(string function)
        => FunctionContextOverrides.TryGetValue(function, out var own) ? own : FunctionContext;

    /// <summary>The mail transport (<c>ses</c> or <c>mailgun</c>) <paramref name="function"/> sends through.</summary>
    public string MailTransportOf(string function)
        => ContextFor(function).TryGetValue(Catalogue.MailTransport.Name, out var transport) ? transport : MailTransport;

    /// <summary>Skip <c>dotnet publish</c> of the functions (template tests).</summary>
    public bool SkipBuild { get; init; }

    /// <summary>sesTrackOutreach: outreach mail goes through the tracked configuration set (SES open and click tracking); on by default.</summary>
    public bool SesTrackOutreach { get; init; } = true;

    /// <summary>sesTrackFinancial: financial mail goes through the tracked configuration set; off by default (statements are not marketing).</summary>
    public bool SesTrackFinancial { get; init; }

    /// <summary>sesTrackingDomain: a custom redirect domain for SES's open and click links (its CNAME and certificate set up by the operator); none: SES's own.</summary>
    public string? SesTrackingDomain { get; init; }

    /// <summary>The stage whose physical names are the configured names as they are (deployed before stages existed).</summary>
    public const string DefaultStage = "prod";

    /// <summary>
    /// A physical name for this stage: the name itself for prod (a deployed contact list's name is
    /// create-only, so prod keeps its names), <c>name-STAGE</c> for any other stage, so two stages
    /// never collide in one account and region.
    /// </summary>
    public string Physical(string name) => Stage == DefaultStage ? name : name + "-" + Stage;

    public static StackSettings FromContext(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string Required(string key) => node.TryGetContext(key)?.ToString() is { Length: > 0 } value ? value : throw new ArgumentException($"CDK context '{key}' is required (cdk.json or -c {key}=...).");
        string? Optional(string key) => node.TryGetContext(key)?.ToString() is { Length: > 0 } value ? value : null;
        // The same rules the functions apply at init (CrmMail.Settings): a bad value is a one-line error at synth.
        string? Checked(string key, SettingRule rule, string? setsVariable = null)
        {
            if (Optional(key) is not { } value)
            {
                return null;
            }

            return rule.TryCheck(value.Trim(), out var result)
                ? result
                : throw new ArgumentException($"CDK context '{key}' {result}" + (setsVariable is null ? "." : $" (it sets {setsVariable})."));
        }

        int Int(string key, int fallback, int min, int max)
            => Checked(key, SettingRule.Integer(min, max)) is { } value ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

        string OneOf(string key, string fallback, params string[] allowed) => Checked(key, SettingRule.OneOf(allowed)) ?? fallback;

        // Every function setting a platform engineer may set, checked by its own rule; a function
        // with a transport of its own (TransportContextKeys) resolves the same list with MAIL_TRANSPORT
        // pinned, so a Mailgun-only setting is required exactly when some function sends through Mailgun.
        Dictionary<string, string> Resolve(string? transport)
        {
            var context = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var setting in Catalogue.All.Where(s => s.ContextKey is not null))
            {
                var value = setting == Catalogue.MailTransport && transport is not null
                    ? transport
                    : Checked(setting.ContextKey!, setting.Rule, setting.Name);
                if (setting.Source != SettingSource.Context)
                {
                    // Bound by the stack (apiBaseUrl → the unsubscribe base URL): checked here, used there.
                    continue;
                }

                var applies = setting.When is not { } when || (context.TryGetValue(when.Setting.Name, out var current) ? current : when.Setting.Default) == when.Value;
                if (!applies)
                {
                    continue;
                }

                if ((value ?? setting.Default) is { } effective)
                {
                    context[setting.Name] = effective;
                }
                else if (setting.Required)
                {
                    _ = Required(setting.ContextKey!);
                }
            }

            return context;
        }

        var functionContext = Resolve(null);
        var overrides = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (function, key) in TransportContextKeys)
        {
            if (Checked(key, Catalogue.MailTransport.Rule, $"{Catalogue.MailTransport.Name} of {function}") is { } own
                && own != functionContext[Catalogue.MailTransport.Name])
            {
                overrides[function] = Resolve(own);
            }
        }

        var keysFile = Required("cloudFrontPublicKeysFile");
        var keys = LoadKeys(keysFile);
        if (keys.Count is 0 or > 5)
        {
            throw new ArgumentException($"{keysFile}: a key group holds 1 to 5 public keys; found {keys.Count}.");
        }

        var stage = Optional("stage") ?? DefaultStage;
        if (!StagePattern().IsMatch(stage))
        {
            throw new ArgumentException($"CDK context 'stage' must be 1 to 16 lower-case letters, digits or '-', starting with a letter; got '{stage}'.");
        }

        var transport = functionContext[Catalogue.MailTransport.Name];
        var domainName = Optional("domainName");
        var certificateArn = Optional("certificateArn");
        if (domainName is not null && certificateArn is null)
        {
            throw new ArgumentException("CDK context 'domainName' needs 'certificateArn' (an ACM certificate in us-east-1 covering it): CloudFront cannot serve a custom domain without one.");
        }

        if (certificateArn is not null && !certificateArn.StartsWith("arn:aws", StringComparison.Ordinal))
        {
            throw new ArgumentException($"CDK context 'certificateArn' must be an ACM certificate ARN; got '{certificateArn}'.");
        }

        // Reports must outlive their links: a link to an expired object answers 403.
        var lifecycleDays = Int("reportsLifecycleDays", 400, 1, 3650);
        var linkDays = int.Parse(functionContext[Catalogue.SignedUrlTtlDays.Name], NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (lifecycleDays <= linkDays)
        {
            throw new ArgumentException($"CDK context 'reportsLifecycleDays' ({lifecycleDays}) must exceed '{Catalogue.SignedUrlTtlDays.ContextKey}' ({linkDays}): reports must outlive their links.");
        }

        string Staged(string name) => stage == DefaultStage ? name : name + "-" + stage;
        return new StackSettings
        {
            Stage = stage,
            StackName = Staged(Optional("stackName") ?? "CrmMail"),
            UnsubscribeMailbox = functionContext[Catalogue.UnsubscribeMailbox.Name],
            SesIdentity = Required("sesIdentity"),
            ContactListName = Staged(Required("contactListName")),
            KmsAlias = Staged(Optional("kmsAlias") ?? Catalogue.UnsubscribeKmsKeyId.Default!),
            PublicKeys = keys,
            CorsOrigins = functionContext[Catalogue.CorsAllowedOrigins.Name].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ConfirmationUrl = functionContext[Catalogue.UnsubscribeConfirmationUrl.Name],
            FirebaseProjectId = functionContext[Catalogue.FirebaseProjectId.Name],
            UnsubscribeGetMode = functionContext[Catalogue.UnsubscribeGetMode.Name],
            ReportsLifecycleDays = lifecycleDays,
            LogRetentionDays = Int("logRetentionDays", 30, 1, 3653),
            DomainName = domainName,
            ApiBaseUrl = Checked(Catalogue.UnsubscribeBaseUrl.ContextKey!, Catalogue.UnsubscribeBaseUrl.Rule)?.TrimEnd('/'),
            CertificateArn = certificateArn,
            // On by default: the edge's own record of who fetched which report.
            AccessLogs = OneOf("distributionAccessLogs", "true", "true", "false") == "true",
            AccessLogDays = Int("distributionAccessLogDays", 90, 1, 3650),
            MailTransport = transport,
            MailgunDomain = functionContext.GetValueOrDefault(Catalogue.MailgunDomain.Name),
            FunctionContext = functionContext,
            FunctionContextOverrides = overrides,
            AlarmEmail = Checked("alarmEmail", SettingRule.Mailbox),
            AlarmTopicArn = Optional("alarmTopicArn") is { } topic
                ? TopicArnPattern().IsMatch(topic) ? topic : throw new ArgumentException($"CDK context 'alarmTopicArn' must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME); got '{topic}'.")
                : null,
            // WAF's own bounds for a rate-based rule's limit.
            WafRateLimit = Optional("wafRateLimit") is null ? null : Int("wafRateLimit", 0, 10, 2_000_000_000),
            SkipBuild = Optional("skipBuild") == "true",
            SesTrackOutreach = OneOf("sesTrackOutreach", "true", "true", "false") == "true",
            SesTrackFinancial = OneOf("sesTrackFinancial", "false", "true", "false") == "true",
            SesTrackingDomain = Optional("sesTrackingDomain") is { } trackingDomain
                ? Uri.CheckHostName(trackingDomain) == UriHostNameType.Dns && trackingDomain.Contains('.', StringComparison.Ordinal) ? trackingDomain.ToLowerInvariant() : throw new ArgumentException($"CDK context 'sesTrackingDomain' must be a DNS name (links.example.com); got '{trackingDomain}'.")
                : null,
        };
    }

    private static List<PublicKeyEntry> LoadKeys(string file)
    {
        var path = Path.IsPathRooted(file) ? file : Path.Combine(RepositoryRoot(), file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var keys = document.RootElement.GetProperty("keys").EnumerateArray()
            .Select(k => new PublicKeyEntry(
                k.GetProperty("name").GetString()!,
                k.GetProperty("publicKeyPem").GetString()!,
                k.TryGetProperty("constructId", out var id) ? id.GetString() : null))
            .ToList();
        foreach (var key in keys.Where(k => !KeyNamePattern().IsMatch(k.Name)))
        {
            throw new ArgumentException($"{file}: key name '{key.Name}' must be 1 to 64 letters, digits, '-' or '_' (it names the key in CloudFront and in the stack).");
        }

        if (keys.GroupBy(k => k.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"{file}: two keys share the identity '{duplicate.Key}'; names must be unique.");
        }

        return keys;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}\z")]
    private static partial System.Text.RegularExpressions.Regex TopicArnPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z][a-z0-9-]{0,15}\z")]
    private static partial System.Text.RegularExpressions.Regex StagePattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial System.Text.RegularExpressions.Regex KeyNamePattern();

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lambdas.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
