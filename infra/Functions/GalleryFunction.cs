using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// GET /spaces/{spaceId}/images and POST /spaces/{spaceId}/uploads: lists a space's images with
/// one wildcard-signed policy per page and signs upload URLs. Reads the membership table
/// (GetItem), lists the bucket under <c>spaces/</c> only, reads the link-signing key.
/// </summary>
public sealed class GalleryFunction(Construct scope, string id, SuiteFunctionProps props)
    : SuiteFunction(scope, id, FunctionNames.Gallery, 512, 10, props);
