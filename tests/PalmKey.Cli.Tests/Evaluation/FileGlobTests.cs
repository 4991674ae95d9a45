using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Evaluation;

public sealed class FileGlobTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "s1_00001.bmp", true)]
    [InlineData("s1_*", "s1_00001.bmp", true)]
    [InlineData("s1_*", "s1_", true)]
    [InlineData("s1_*", "s2_00001.bmp", false)]
    [InlineData("s1_*", "xs1_00001.bmp", false)]
    [InlineData("*.bmp", "s1_1.bmp", true)]
    [InlineData("*.bmp", "s1_1.bmp.png", false)]
    [InlineData("*_1.*", "s2_1.png", true)]
    [InlineData("s?_1.png", "s1_1.png", true)]
    [InlineData("s?_1.png", "s10_1.png", false)]
    [InlineData("s?_1.png", "s_1.png", false)]
    [InlineData("??", "ab", true)]
    [InlineData("??", "abc", false)]
    [InlineData("s[12]_*", "s1_3.png", true)]
    [InlineData("s[12]_*", "s2_3.png", true)]
    [InlineData("s[123]_*", "s3_3.png", true)]
    [InlineData("s[12]_*", "s3_3.png", false)]
    [InlineData("s[12]_*", "s12_3.png", false)]
    [InlineData("[a-c].png", "a.png", true)]
    [InlineData("[a-c].png", "b.png", true)]
    [InlineData("[a-c].png", "c.png", true)]
    [InlineData("[a-c].png", "d.png", false)]
    [InlineData("[a-c].png", "B.png", false)]
    [InlineData("[!x]y", "ay", true)]
    [InlineData("[!x]y", "xy", false)]
    [InlineData("[!x]y", "y", false)]
    [InlineData("[!a-c]*", "d1", true)]
    [InlineData("[!a-c]*", "b1", false)]
    [InlineData("[]]x", "]x", true)]
    [InlineData("[]]x", "ax", false)]
    [InlineData("[!]]x", "ax", true)]
    [InlineData("[!]]x", "]x", false)]
    [InlineData("[\\]", "\\", true)]
    [InlineData("*.JPG", "x.jpg", false)]
    [InlineData("*.jpg", "x.JPG", false)]
    public void Matches_like_the_shell(string pattern, string fileName, bool matches)
    {
        Assert.Equal(matches, new FileGlob(pattern).IsMatch(fileName));
    }

    [Theory]
    [InlineData("s1_1.png", "s1_1xpng")]
    [InlineData("001_IMG__ (1).JPG", "001_IMG__ 1.JPG")]
    [InlineData("001_IMG__ (1).JPG", "001_IMG__(1).JPG")]
    [InlineData("a+b", "aab")]
    [InlineData("a+b", "aaab")]
    [InlineData("a$b", "ab")]
    [InlineData("^a", "a")]
    [InlineData("a{2}", "aa")]
    [InlineData("a|b", "a")]
    [InlineData("a\\d", "a1")]
    [InlineData("(a)", "a")]
    public void Takes_regular_expression_characters_literally(string pattern, string other)
    {
        var glob = new FileGlob(pattern);

        Assert.True(glob.IsMatch(pattern), $"\"{pattern}\" does not match itself.");
        Assert.False(glob.IsMatch(other), $"\"{pattern}\" matches \"{other}\".");
    }

    [Fact]
    public void Matches_COEP_names_with_spaces_and_parentheses()
    {
        var glob = new FileGlob("001_IMG__ ([12]).JPG");

        Assert.True(glob.IsMatch("001_IMG__ (1).JPG"));
        Assert.True(glob.IsMatch("001_IMG__ (2).JPG"));
        Assert.False(glob.IsMatch("001_IMG__ (3).JPG"));
        Assert.True(new FileGlob("* (?).JPG").IsMatch("001_IMG__ (4).JPG"));
        Assert.Equal("001_IMG__ ([12]).JPG", glob.Pattern);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("s1_[")]
    [InlineData("s1_[12")]
    [InlineData("[]")]
    [InlineData("[!")]
    [InlineData("[!]")]
    [InlineData("a[b")]
    public void Refuses_an_unclosed_bracket_and_says_so(string pattern)
    {
        var error = Assert.Throws<ArgumentException>(() => new FileGlob(pattern));

        Assert.Contains("Unclosed '['", error.Message, StringComparison.Ordinal);
        Assert.Contains(pattern, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_empty_or_null_pattern()
    {
        Assert.Throws<ArgumentException>(() => new FileGlob(string.Empty));
        Assert.Throws<ArgumentNullException>(() => new FileGlob(null!));
    }
}
