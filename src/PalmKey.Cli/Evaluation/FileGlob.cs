using System.Text;
using System.Text.RegularExpressions;

namespace PalmKey.Cli.Evaluation;

/// <summary>
/// A shell-style pattern for file names: <c>*</c> is any run of characters, <c>?</c> one character,
/// <c>[abc]</c>, <c>[a-z]</c> and <c>[!abc]</c> one character of (or not of) a set. Case-sensitive,
/// like the shell on Linux.
/// </summary>
internal sealed class FileGlob
{
    private readonly Regex _regex;

    public FileGlob(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        Pattern = pattern;
        _regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    public string Pattern { get; }

    public bool IsMatch(string fileName) => _regex.IsMatch(fileName);

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    // A ']' right after '[' or '[!' is a member of the set, not its end.
                    var first = i + (i + 1 < pattern.Length && pattern[i + 1] == '!' ? 3 : 2);
                    var close = first <= pattern.Length ? pattern.IndexOf(']', first) : -1;
                    if (close < 0)
                    {
                        throw new ArgumentException($"Unclosed '[' in the pattern \"{pattern}\".", nameof(pattern));
                    }

                    var set = pattern[(i + 1)..close];
                    var negate = set.StartsWith('!');
                    regex.Append('[').Append(negate ? "^" : string.Empty);
                    foreach (var member in negate ? set[1..] : set)
                    {
                        regex.Append(member is '\\' or '^' or '[' or ']' ? "\\" + member : member.ToString());
                    }

                    regex.Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
