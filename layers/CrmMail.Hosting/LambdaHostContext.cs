using CrmMail.Lambda.Core;

namespace CrmMail.Hosting;

/// <summary>What a function's composition root receives at initialisation.</summary>
public sealed record LambdaHostContext(IEnvironmentVariables Environment, TimeProvider TimeProvider, ILambdaLogger Logger);
