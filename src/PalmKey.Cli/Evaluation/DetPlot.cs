using System.Globalization;
using System.Text;

namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Draws detection error trade-off (DET) curves, FNMR against FMR on logarithmic axes, as a
/// self-contained SVG file.
/// </summary>
internal static class DetPlot
{
    private const double Width = 640, Height = 480, Left = 70, Right = 20, Top = 30, Bottom = 60;
    private const double MinFmr = 1e-7, MinFnmr = 1e-4;

    public static string Svg(string title, IReadOnlyList<(string Name, string Color, ErrorRates Rates)> curves)
    {
        var svg = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        svg.AppendLine(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine(inv, $"<text x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>");

        for (var exponent = -7; exponent <= 0; exponent++)
        {
            var x = X(Math.Pow(10, exponent));
            svg.AppendLine(inv, $"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/>");
            svg.AppendLine(inv, $"<text x=\"{x:F1}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">1e{exponent}</text>");
        }

        for (var exponent = -4; exponent <= 0; exponent++)
        {
            var y = Y(Math.Pow(10, exponent));
            svg.AppendLine(inv, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>");
            svg.AppendLine(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">1e{exponent}</text>");
        }

        svg.AppendLine(inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"black\"/>");
        svg.AppendLine(inv, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 20}\" text-anchor=\"middle\">false match rate (FMR)</text>");
        svg.AppendLine(inv, $"<text x=\"16\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {(Top + Height - Bottom) / 2})\">false non-match rate (FNMR)</text>");

        for (var c = 0; c < curves.Count; c++)
        {
            var (name, color, rates) = curves[c];
            var points = new List<string>();
            for (var step = 0; step <= 140; step++)
            {
                var fmr = Math.Pow(10, -7 + (step * 0.05));
                if (fmr * rates.ImpostorCount < 1)
                {
                    continue;
                }

                var point = rates.AtFmr(fmr);
                points.Add(string.Create(inv, $"{X(Math.Max(point.Fmr, MinFmr)):F1},{Y(Math.Max(point.Fnmr, MinFnmr)):F1}"));
            }

            svg.AppendLine(inv, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>");
            var legendY = Top + 20 + (18 * c);
            svg.AppendLine(inv, $"<line x1=\"{Width - Right - 190}\" y1=\"{legendY - 4}\" x2=\"{Width - Right - 165}\" y2=\"{legendY - 4}\" stroke=\"{color}\" stroke-width=\"2\"/>");
            svg.AppendLine(inv, $"<text x=\"{Width - Right - 160}\" y=\"{legendY}\">{Escape(name)} (EER {100 * rates.Eer:F3}%)</text>");
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double X(double fmr) => Left + ((Math.Log10(fmr) - Math.Log10(MinFmr)) / -Math.Log10(MinFmr) * (Width - Left - Right));

    private static double Y(double fnmr) => Top + ((1 - ((Math.Log10(fnmr) - Math.Log10(MinFnmr)) / -Math.Log10(MinFnmr))) * (Height - Top - Bottom));

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
