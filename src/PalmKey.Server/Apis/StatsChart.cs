using System.Globalization;
using System.Security;
using System.Text;

namespace PalmKey.Server.Apis;

/// <summary>
/// Server-rendered SVG bar charts for the console: one bar per day, stacked by series, with the day
/// and count on every bar (<c>data-day</c>, <c>data-count</c>, and a <c>title</c> for screen readers
/// and tooltips). The page inserts the SVG as it is; it draws nothing itself.
/// </summary>
internal static class StatsChart
{
    private const double Width = 640;
    private const double Height = 200;
    private const double Left = 36;
    private const double Bottom = 28;

    /// <summary>A series: its name, its colour and one count per day.</summary>
    public sealed record Series(string Name, string Color, IReadOnlyList<int> Values);

    public static string Bars(string label, IReadOnlyList<string> days, IReadOnlyList<Series> series)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(series);
        var max = Math.Max(1, Enumerable.Range(0, days.Count).Select(i => series.Sum(s => s.Values[i])).DefaultIfEmpty(0).Max());
        var slot = (Width - Left) / Math.Max(1, days.Count);
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(label)}\">");
        Append(svg, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#1a1a1a\"/>");
        Append(svg, $"<text x=\"{Left - 6}\" y=\"14\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">{max}</text>");
        Append(svg, $"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">0</text>");
        var labelEvery = (int)Math.Ceiling(days.Count / 7.0);
        for (var i = 0; i < days.Count; i++)
        {
            var y = Height - Bottom;
            foreach (var s in series)
            {
                var h = s.Values[i] / (double)max * (Height - Bottom - 10);
                if (h <= 0)
                {
                    continue;
                }

                y -= h;
                Append(svg, $"<rect x=\"{Left + (i * slot) + (slot * 0.15):0.##}\" y=\"{y:0.##}\" width=\"{slot * 0.7:0.##}\" height=\"{h:0.##}\" fill=\"{Escape(s.Color)}\" data-day=\"{Escape(days[i])}\" data-count=\"{s.Values[i]}\"><title>{Escape(days[i])}: {s.Values[i]} {Escape(s.Name)}</title></rect>");
            }

            if (i % labelEvery == 0 || i == days.Count - 1)
            {
                Append(svg, $"<text x=\"{Left + (i * slot) + (slot / 2):0.##}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">{Escape(days[i].Length > 5 ? days[i][5..] : days[i])}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Append(StringBuilder svg, FormattableString text) => svg.Append(text.ToString(CultureInfo.InvariantCulture));

    private static string Escape(string text) => SecurityElement.Escape(text);
}
