namespace CrmMail.Infra.Edge;

/// <summary>
/// The CloudFront Function of the gallery's upload behaviour (<c>gallery-upload-guard.js</c>,
/// viewer request, cloudfront-js-2.0): it binds a signed PUT's Content-Type and Content-Length to
/// the size and type the signature covers, and refuses a PUT signed with a wildcard policy. The
/// distribution construct that owns the upload behaviour associates it
/// (<c>new Function(this, "GalleryUploadGuard", new FunctionProps { Code = FunctionCode.FromFile(new FileOptions { FilePath = GalleryUploadGuard.SourcePath }), Runtime = FunctionRuntime.JS_2_0 })</c>).
/// </summary>
public static class GalleryUploadGuard
{
    /// <summary>The function's source file in this repository.</summary>
    public static string SourcePath => Path.Combine(StackSettings.RepositoryRoot(), "infra", "Edge", "gallery-upload-guard.js");
}
