namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>Handles one invocation: bytes in, bytes out.</summary>
public delegate Task<InvocationResponse> LambdaBootstrapHandler(InvocationRequest invocation);

/// <summary>Runs once before the first invocation; false or an exception is an init error.</summary>
public delegate Task<bool> LambdaBootstrapInitializer();
