using CrmMail.Identity;
using CrmMail.Subscriptions;

namespace CrmMail.Functions.AddContact;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class AddContactComposition
{
    public static AddContactHandler Build(AddContactSettings settings, AddContactPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var firebase = new FirebaseTokenVerifier(ports.FirebaseCertificates, settings.FirebaseProjectId, ports.Time);
        var flow = new AddContactFlow(firebase, ports.Services.Tokens, ports.Services.Subscriptions, Topics.Financial);
        return new AddContactHandler(flow, ports.Services.Hasher, settings.CorsAllowedOrigins, ports.Time);
    }
}
