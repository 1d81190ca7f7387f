using System.Text.Json.Serialization;

namespace CrmMail.Functions.Gallery;

/// <summary>POST /spaces/{spaceId}/uploads body: the file's name (fileName or name), its content type and its size in bytes.</summary>
internal sealed record UploadBody(
    [property: JsonPropertyName("fileName")] string? FileName,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("contentType")] string? ContentType,
    [property: JsonPropertyName("size")] long? Size);

/// <summary>One image of a page.</summary>
internal sealed record ImageReply(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("lastModified")] string LastModified,
    [property: JsonPropertyName("url")] string Url);

/// <summary>GET /spaces/{spaceId}/images: a page, the next page's token (null on the last) and when the URLs expire.</summary>
internal sealed record ImagesReply(
    [property: JsonPropertyName("images")] IReadOnlyList<ImageReply> Images,
    [property: JsonPropertyName("nextToken")] string? NextToken,
    [property: JsonPropertyName("expiresAt")] string ExpiresAt);

/// <summary>POST /spaces/{spaceId}/uploads: where and how to PUT the file, until when.</summary>
internal sealed record UploadReply(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("expiresAt")] string ExpiresAt);

[JsonSourceGenerationOptions(AllowTrailingCommas = false, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(UploadBody))]
[JsonSerializable(typeof(ImagesReply))]
[JsonSerializable(typeof(UploadReply))]
internal sealed partial class GalleryJsonContext : JsonSerializerContext;
