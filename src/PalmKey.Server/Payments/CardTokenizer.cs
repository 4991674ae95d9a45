using Microsoft.AspNetCore.Http.HttpResults;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Payments;

/// <summary>
/// The one place a card number passes through: checked (<see cref="CardCheck"/>), sent to the gateway
/// for a token, and dropped. Only the token, brand, last four digits and expiry come out.
/// </summary>
internal sealed class CardTokenizer
{
    private readonly IPaymentGateway _gateway;
    private readonly TimeProvider _clock;

    public CardTokenizer(IPaymentGateway gateway, TimeProvider clock)
    {
        _gateway = gateway;
        _clock = clock;
    }

    public async Task<(TokenizedCard? Card, ProblemHttpResult? Problem)> TokenizeAsync(CardRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return (null, Problems.Invalid("Send the card: number, expiryMonth, expiryYear and cvc."));
        }

        var (card, error) = CardCheck.Check(request.Number, request.ExpiryMonth, request.ExpiryYear, request.Cvc, _clock.GetUtcNow());
        if (card is null)
        {
            return (null, Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.CardInvalid, "The card is not valid", error!));
        }

        var token = await _gateway.TokenizeAsync(card, cancellationToken).ConfigureAwait(false);
        if (token.Token is null)
        {
            return (null, Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.CardRefused, "The card was refused", $"The card processor refused the card ({token.Code}). Use another card."));
        }

        return (new TokenizedCard(token.Token, card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear), null);
    }
}
