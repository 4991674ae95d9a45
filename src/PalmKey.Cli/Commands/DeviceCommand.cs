using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using PalmKey.Cli.Device;

namespace PalmKey.Cli.Commands;

/// <summary>
/// <c>palmkey device ...</c>: a palm scanner simulated from image files, against a running server.
/// <c>provision</c> makes the device's key pair, activates it with a one-time code and writes the
/// identity file, the only file the simulator ever writes; the other commands read frames and that file.
/// Exit codes: 0 success, 1 a clear negative outcome (declined, not recognized, denied), 2 bad input or
/// an error.
/// </summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var identity = new Option<string>("--identity") { Description = "The device identity file that provision wrote.", Required = true };
        var server = new Option<string?>("--server") { Description = "The server, such as http://127.0.0.1:5080; by default the one the device was provisioned at." };
        var frames = new Argument<string[]>("frames") { Description = "Image files of one palm: the frames of one hover (PNG or 8-bit gray), or the enrollment captures.", Arity = ArgumentArity.OneOrMore };

        var code = new Option<string>("--code") { Description = "The one-time activation code from the tenant's admin (pkc_...).", Required = true };
        var provisionServer = new Option<string>("--server") { Description = "The server, such as http://127.0.0.1:5080.", Required = true };
        var provision = new Command("provision", "Make the device's key pair, activate it with a one-time code, and save the identity (the device's credential, not palm data) to a new file.") { provisionServer, code, identity };
        provision.SetAction((parse, cancellationToken) => RunAsync(async () =>
        {
            var path = parse.GetValue(identity)!;
            if (File.Exists(path))
            {
                throw new ArgumentException($"{path} already exists; the simulator never overwrites an identity.");
            }

            Console.WriteLine("generating an ECDSA P-256 key pair and activating it");
            using var anonymous = new HttpClient { BaseAddress = ServerUri(parse.GetValue(provisionServer)) };
            var activated = await DeviceIdentity.ActivateAsync(anonymous, parse.GetValue(code)!, cancellationToken).ConfigureAwait(false);
            activated.Save(path);
            Console.WriteLine($"activated device {activated.DeviceId} of tenant {activated.TenantId} at site {activated.SiteId}; identity saved to {path} (owner-only)");
            return 0;
        }));

        var phone = new Option<string>("--phone") { Description = "The person's mobile number, international form (+1555...).", Required = true };
        var consent = new Option<bool>("--consent") { Description = "The person accepted the disclosure shown." };
        var hand = new Option<string>("--hand") { Description = "left or right.", DefaultValueFactory = _ => "left" };
        var otp = new Option<string?>("--otp") { Description = "The six-digit code the phone received; asked for when neither this nor --admin-key is given." };
        var adminKey = new Option<string?>("--admin-key") { Description = "Demo only: read the code from the demo server's SMS outbox with this admin key." };
        var card = new Option<string?>("--card") { Description = "A test card number to save with the enrollment." };
        var expiry = new Option<string?>("--card-expiry") { Description = "The test card's expiry, MM/YY." };
        var cvc = new Option<string?>("--cvc") { Description = "The test card's CVC." };
        var enroll = new Command("enroll", "Enroll a person: disclosure and consent, phone and code, optional test card, then 3 to 10 captures of one palm.") { identity, server, phone, consent, hand, otp, adminKey, card, expiry, cvc, frames };
        enroll.SetAction((parse, cancellationToken) => RunAsync(async () =>
        {
            var captures = DeviceSimulator.ReadFrames(parse.GetValue(frames)!, 3);
            var cardDetails = Card(parse.GetValue(card), parse.GetValue(expiry), parse.GetValue(cvc));
            var device = DeviceIdentity.Load(parse.GetValue(identity)!);
            var serverUri = ServerUri(parse.GetValue(server));
            using var simulator = DeviceSimulator.Create(device, serverUri, Console.Out);
            var phoneNumber = parse.GetValue(phone)!;
            var given = parse.GetValue(otp);
            var admin = parse.GetValue(adminKey);
            await simulator.EnrollAsync(phoneNumber, parse.GetValue(consent), parse.GetValue(hand)!, captures, async (_, ct) =>
            {
                if (given is not null)
                {
                    return given;
                }

                if (admin is not null)
                {
                    using var client = new HttpClient { BaseAddress = serverUri ?? new Uri(device.Server!) };
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
                    return await DeviceSimulator.CodeFromOutboxAsync(client, phoneNumber, ct).ConfigureAwait(false);
                }

                Console.Write($"code sent to {phoneNumber}: ");
                return Console.ReadLine()?.Trim() ?? throw new ArgumentException("no code given.");
            }, cardDetails, cancellationToken).ConfigureAwait(false);
            return 0;
        }));

        var amount = new Option<decimal>("--amount") { Description = "The amount, such as 12.34.", Required = true };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency.", DefaultValueFactory = _ => "USD" };
        var order = new Option<string?>("--order") { Description = "The order reference; a new one by default." };
        var checkout = new Command("checkout", "Pay with a palm hover: POST /v1/checkout.") { identity, server, amount, currency, order, frames };
        checkout.SetAction((parse, cancellationToken) => HoverAsync(parse, identity, server, frames, (simulator, hover) =>
        {
            var minor = decimal.ToInt64(decimal.Round(parse.GetValue(amount) * 100m));
            if (minor <= 0)
            {
                throw new ArgumentException("--amount must be positive.");
            }

            return simulator.CheckoutAsync(minor, parse.GetValue(currency)!, parse.GetValue(order) ?? $"sim-{Guid.NewGuid():N}", hover, cancellationToken);
        }));

        var checkin = new Command("checkin", "Check in with a palm hover: POST /v1/entry/checkin.") { identity, server, frames };
        checkin.SetAction((parse, cancellationToken) => HoverAsync(parse, identity, server, frames, (simulator, hover) => simulator.CheckInAsync(hover, cancellationToken)));

        var eventId = new Option<string>("--event") { Description = "The event whose ticket admits.", Required = true };
        var enter = new Command("enter", "Enter a venue with a palm hover: POST /v1/entry/venue.") { identity, server, eventId, frames };
        enter.SetAction((parse, cancellationToken) => HoverAsync(parse, identity, server, frames, (simulator, hover) => simulator.EnterAsync(parse.GetValue(eventId)!, hover, cancellationToken)));

        var door = new Option<string?>("--door") { Description = "The door." };
        var badge = new Command("badge", "Open a door with a palm hover: POST /v1/entry/badge.") { identity, server, door, frames };
        badge.SetAction((parse, cancellationToken) => HoverAsync(parse, identity, server, frames, (simulator, hover) => simulator.BadgeAsync(parse.GetValue(door), hover, cancellationToken)));

        var purpose = new Option<string>("--purpose") { Description = "checkout, entry, loyalty or badge.", DefaultValueFactory = _ => "checkout" };
        var identify = new Command("identify", "Identify a palm hover: POST /v1/identify; exit 0 recognized, 1 not.") { identity, server, purpose, frames };
        identify.SetAction((parse, cancellationToken) => HoverAsync(parse, identity, server, frames, (simulator, hover) => simulator.IdentifyAsync(parse.GetValue(purpose)!, hover, cancellationToken)));

        return new Command("device", "A palm scanner simulated from image files; frames are sealed and every request signed (docs/protocol.md).")
        {
            provision, enroll, checkout, checkin, enter, badge, identify,
        };
    }

    private static Uri? ServerUri(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri
        : throw new ArgumentException($"--server must be an http or https URL, such as http://127.0.0.1:5080; '{text}' is not.");

    private static Task<int> HoverAsync(ParseResult parse, Option<string> identity, Option<string?> server, Argument<string[]> frames, Func<DeviceSimulator, byte[][], Task<int>> run) => RunAsync(async () =>
    {
        var hover = DeviceSimulator.ReadFrames(parse.GetValue(frames)!, 1);
        using var simulator = DeviceSimulator.Create(DeviceIdentity.Load(parse.GetValue(identity)!), ServerUri(parse.GetValue(server)), Console.Out);
        return await run(simulator, hover).ConfigureAwait(false);
    });

    private static CardDetails? Card(string? number, string? expiry, string? cvc)
    {
        if (number is null)
        {
            return null;
        }

        var parts = expiry?.Split('/') ?? [];
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || cvc is null)
        {
            throw new ArgumentException("a test card needs --card-expiry MM/YY and --cvc.");
        }

        return new CardDetails(number, month, year < 100 ? 2000 + year : year, cvc);
    }

    private static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DeviceRequestException or HttpRequestException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"palmkey device: {e.Message}");
            return 2;
        }
    }
}
