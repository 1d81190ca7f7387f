using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CrmMail.LocalSuite.Gallery;

/// <summary>
/// The sample gallery, made in code on first run (no image files in git): two spaces,
/// <c>demo-a</c> and <c>demo-b</c>, with a few small PNGs each in the local bucket folder, and
/// two local users: <c>local-alice</c> (both spaces) and <c>local-bob</c> (demo-b only).
/// </summary>
public static class SampleImages
{
    /// <summary>The sample spaces and their images: name and two colours.</summary>
    private static readonly (string Space, string Name, uint A, uint B)[] Images =
    [
        ("demo-a", "sunrise.png", 0xF4A261, 0xE76F51),
        ("demo-a", "lagoon.png", 0x2A9D8F, 0x264653),
        ("demo-a", "meadow.png", 0x8AB17D, 0xE9C46A),
        ("demo-a", "dusk.png", 0x6D597A, 0xB56576),
        ("demo-b", "checks.png", 0x1D3557, 0xF1FAEE),
        ("demo-b", "stripes.png", 0xE63946, 0xA8DADC),
        ("demo-b", "grid.png", 0x457B9D, 0xFFB703),
    ];

    /// <summary>Writes the sample images when the bucket folder has no spaces yet and, when no membership file exists yet, the sample memberships.</summary>
    public static async Task SeedAsync(LocalDataDirectory data, FileSpaceMembership membership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(membership);
        // Once: a developer who deletes a sample image or a space keeps it deleted.
        var seedImages = !Directory.Exists(Path.Combine(data.Reports, "spaces"));
        var pattern = 0;
        foreach (var (space, name, a, b) in seedImages ? Images : [])
        {
            var path = data.ReportPath($"spaces/{space}/{name}")!;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                await File.WriteAllBytesAsync(path, Png(96, 96, a, b, pattern), cancellationToken).ConfigureAwait(false);
            }

            pattern++;
        }

        if (membership.Exists)
        {
            // Memberships someone already manages (crm-mail spaces) are left as they are.
            return;
        }

        await membership.GrantAsync("local-alice", "demo-a", cancellationToken).ConfigureAwait(false);
        await membership.GrantAsync("local-alice", "demo-b", cancellationToken).ConfigureAwait(false);
        await membership.GrantAsync("local-bob", "demo-b", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A truecolour PNG of two colours in one of a few patterns (gradient, checks, stripes, rings).</summary>
    public static byte[] Png(int width, int height, uint colourA, uint colourB, int pattern)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                double t = (pattern % 4) switch
                {
                    0 => (double)(x + y) / (width + height),
                    1 => ((x / 12) + (y / 12)) % 2,
                    2 => (x / 8) % 2,
                    _ => Math.Sqrt(Math.Pow(x - width / 2.0, 2) + Math.Pow(y - height / 2.0, 2)) % 16 / 16,
                };
                var offset = row + 1 + x * 3;
                for (var c = 0; c < 3; c++)
                {
                    var shift = 16 - c * 8;
                    var from = (colourA >> shift) & 0xFF;
                    var to = (colourB >> shift) & 0xFF;
                    raw[offset + c] = (byte)(from + (to - (double)from) * t);
                }
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typeBytes, .. data]));
        png.Write(number);
    }

    // PNG's CRC-32 (ISO 3309, polynomial 0xEDB88320), bit by bit: a few kilobytes once per run.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
