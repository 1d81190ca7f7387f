using CrmMail.Settings;

namespace CrmMail.Cli;

/// <summary>Region and endpoint flags, read the same way by every command that calls AWS.</summary>
internal static class CliAws
{
    public static string Region(string? flag)
        => flag ?? Environment.GetEnvironmentVariable(Catalogue.AwsRegion.Name) ?? Environment.GetEnvironmentVariable(Catalogue.AwsDefaultRegion.Name) ?? Catalogue.AwsDefaultRegion.Default!;

    public static Uri? Endpoint(string flag, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliUsageException($"{flag} '{value}' is not an http(s) URL");
    }
}
