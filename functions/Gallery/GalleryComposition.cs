using CrmMail.Gallery;
using CrmMail.Identity;

namespace CrmMail.Functions.Gallery;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class GalleryComposition
{
    public static GalleryHandler Build(GallerySettings settings, GalleryPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var access = new GalleryAccess(new FirebaseTokenVerifier(ports.FirebaseCertificates, settings.FirebaseProjectId, ports.Time), ports.Membership);
        var links = new SpaceLinks(ports.Distribution);
        var gallery = new GalleryFlow(access, ports.Images, ports.Signer, links, settings.LinkLifetime, settings.PageSize, ports.Time);
        var uploads = new UploadFlow(access, settings.Uploads, ports.Signer, links, settings.UploadUrlLifetime, ports.Time);
        return new GalleryHandler(gallery, uploads, settings.CorsAllowedOrigins);
    }
}
