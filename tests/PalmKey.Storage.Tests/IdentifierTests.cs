using PalmKey.Storage.Crypto;

namespace PalmKey.Storage.Tests;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("+1 555 010 0123", "+15550100123")]
    [InlineData("+44 (20) 7946-0958", "+442079460958")]
    [InlineData("0049.30.123456", "+4930123456")]
    [InlineData("  +15550100123 ", "+15550100123")]
    public void International_numbers_normalize_to_E164(string input, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5550100123")]
    [InlineData("+0 555 010 0123")]
    [InlineData("+1555")]
    [InlineData("+1234567890123456")]
    [InlineData("+1 555 CALL NOW")]
    [InlineData("+1555010012;DROP")]
    public void Other_text_is_not_a_number(string? input) => Assert.False(PhoneNumbers.TryNormalize(input, out _));

    [Fact]
    public void Ids_are_random_base32_with_their_prefix()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => EntityIds.New("cus")).ToList();

        Assert.Equal(1000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(EntityIds.IsValid(id, "cus"), id));
        Assert.All(ids, id => Assert.Equal(30, id.Length));
        Assert.False(EntityIds.IsValid(ids[0], "dev"));
        Assert.False(EntityIds.IsValid(ids[0].ToUpperInvariant(), "cus"));
        Assert.False(EntityIds.IsValid(ids[0][..^1], "cus"));
        Assert.False(EntityIds.IsValid(ids[0][..^1] + "u", "cus"));
    }

    [Fact]
    public void Tokens_carry_256_random_bits_a_public_prefix_and_only_their_hash_is_kept()
    {
        var token = SecretToken.Issue(SecretToken.AdminKind);

        Assert.StartsWith("pka_", token.Token, StringComparison.Ordinal);
        Assert.Equal(4 + 52, token.Token.Length);
        Assert.Equal(token.Prefix, SecretToken.PrefixOf(token.Token, SecretToken.AdminKind));
        Assert.Equal(12, token.Prefix.Length);
        Assert.True(SecretToken.Matches(token.Token, token.Hash));
        Assert.False(SecretToken.Matches(token.Token[..^1] + (token.Token[^1] == 'a' ? 'b' : 'a'), token.Hash));
        Assert.Null(SecretToken.PrefixOf(token.Token, SecretToken.DeviceKind));
        Assert.Null(SecretToken.PrefixOf(token.Token[..^1], SecretToken.AdminKind));
        Assert.NotEqual(token.Token, SecretToken.Issue(SecretToken.AdminKind).Token);
    }
}
