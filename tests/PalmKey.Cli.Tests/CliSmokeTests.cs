namespace PalmKey.Tests;

public sealed class CliSmokeTests
{
    [Fact]
    public void Placeholder_until_commands_land() => Assert.True(typeof(GrayImage).IsPublic);
}
