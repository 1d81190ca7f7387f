using Amazon.CDK.AWS.CloudWatch;

namespace CrmMail.Infra.Functions;

/// <summary>
/// What the stack hands each function construct: the project to publish, the environment it
/// built (the stack builds every function's variables in one place), the composition its role
/// is granted from, the resources those grants resolve to, where alarms go, and log settings.
/// </summary>
public sealed record SuiteFunctionProps(
    string ProjectPath,
    IReadOnlyDictionary<string, string> Environment,
    FunctionComposition Composition,
    FunctionResources Resources,
    IAlarmAction AlarmAction,
    int LogRetentionDays,
    bool SkipBuild);
