using CrmMail.Lambda.Core;

namespace CrmMail.LocalSuite;

/// <summary>How <c>crm-mail serve</c> runs.</summary>
public sealed record LocalSuiteOptions
{
    /// <summary>The port on 127.0.0.1 (0: any free port).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The data folder (keys, state, outbox, reports).</summary>
    public string DataDirectory { get; init; } = ".crm-mail";

    /// <summary>An AWS endpoint (moto, LocalStack): use the real AWS adapters there instead of local files.</summary>
    public Uri? AwsEndpoint { get; init; }

    /// <summary>Create missing tables, key, contact list and bucket at <see cref="AwsEndpoint"/>.</summary>
    public bool Provision { get; init; }

    /// <summary>The API stage in every URL (API Gateway's stage name).</summary>
    public string Stage { get; init; } = "local";

    /// <summary>Overrides in the functions' own variable names (<see cref="Settings.Catalogue"/>: the GET mode, the send limits, ...).</summary>
    public required IEnvironmentVariables Environment { get; init; }

    /// <summary>Where the functions' log lines and the server's start-up lines go.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>
    /// API keys accepted beside the data folder's (another CRM client of the same usage plan),
    /// with ids <c>local-key-2</c>, <c>local-key-3</c>, …: a campaign is visible only to the key that created it.
    /// </summary>
    public IReadOnlyList<string> ExtraApiKeys { get; init; } = [];

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
