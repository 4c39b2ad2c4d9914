using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ApprovalsPortal.Features.Demo;

/// <summary>Draws a small bar chart as a real PNG (RGB, zlib-compressed), for the demo's image document.</summary>
public static class SamplePng
{
    public static byte[] BarChart(int width, int height, IReadOnlyList<double> values)
    {
        var raw = new byte[height * (1 + width * 3)];
        var barWidth = width / Math.Max(1, values.Count * 2);
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = ((byte)250, (byte)250, (byte)252);
                var bar = x / Math.Max(1, barWidth);
                if (bar % 2 == 1 && bar / 2 < values.Count)
                {
                    var top = height - (int)(values[bar / 2] * (height - 10));
                    if (y >= top) (r, g, b) = ((byte)41, (byte)98, (byte)170);
                }
                if (y == height - 1) (r, g, b) = ((byte)60, (byte)60, (byte)60);
                var i = row + 1 + x * 3;
                raw[i] = r;
                raw[i + 1] = g;
                raw[i + 2] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        s.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeBytes, data));
        s.Write(length);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc32(byte[] type, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in type.Concat(data)) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }
}
