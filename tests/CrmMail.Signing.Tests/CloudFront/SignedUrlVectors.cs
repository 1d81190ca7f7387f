using System.Text.Json;
using CrmMail.Tests.Shared;

namespace CrmMail.Signing.Tests.CloudFront;

/// <summary>The botocore-made reference vectors in ../shared/fixtures/cloudfront.</summary>
public static class SignedUrlVectors
{
    public static TheoryData<string, int> Cases() => Load("signed-url-vectors.json");

    public static TheoryData<string, int> Sha256Cases() => Load("signed-url-vectors-sha256.json");

    public static JsonElement Get(string file, int index)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("cloudfront", file)));
        return document.RootElement.GetProperty("cases")[index].Clone();
    }

    private static TheoryData<string, int> Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("cloudfront", file)));
        var data = new TheoryData<string, int>();
        for (var i = 0; i < document.RootElement.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(file, i);
        }

        return data;
    }
}
