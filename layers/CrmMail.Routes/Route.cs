namespace CrmMail.Routes;

/// <summary>One API route: HTTP method, resource path, the function behind it, and how it is authorised.</summary>
/// <param name="Method">GET, POST, OPTIONS, ...</param>
/// <param name="Path">The API Gateway resource path, e.g. <c>/financial/unsubscribe</c>.</param>
/// <param name="Function">The function's name: its folder under functions/.</param>
/// <param name="RequiresApiKey">Whether API Gateway demands the usage plan's API key.</param>
/// <param name="Throttle">The per-method throttle class.</param>
public sealed record Route(string Method, string Path, string Function, bool RequiresApiKey, ThrottleClass Throttle);
