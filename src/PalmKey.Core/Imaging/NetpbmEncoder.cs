using System.Globalization;
using System.Text;

namespace PalmKey.Imaging;

/// <summary>Writes binary PGM (P5, maxval 255).</summary>
internal static class NetpbmEncoder
{
    public static byte[] EncodePgm(GrayImage image)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{image.Width} {image.Height}\n255\n"));
        var output = new byte[header.Length + image.Pixels.Length];
        header.CopyTo(output, 0);
        image.Pixels.CopyTo(output, header.Length);
        return output;
    }
}
