package dev.tollgate.provider.bigcommerce;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import java.time.Duration;
import java.util.Map;

/**
 * A payment access token for one order: {@code POST /stores/{hash}/v3/payments/access_tokens}
 * with the stable token; the token is {@code data.id}. Sent as {@code Authorization: PAT <token>}
 * with BigCommerce's payments media type. Single use: every payments call gets its own.
 */
final class PaymentTokenSource implements CredentialSource {

    /** How long an unused token is trusted; its real lifetime is not published (assumed). */
    private static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(10);

    /** {@code {"data": {"id": "<token>"}, "meta": {}}}. */
    public static final class Answer {
        public Data data;
    }

    public static final class Data {
        public String id;
    }

    private final StableTokenSource stable;
    private final long orderId;

    PaymentTokenSource(StableTokenSource stable, long orderId) {
        this.stable = stable;
        this.orderId = orderId;
    }

    @Override
    public String name() {
        return "payment-token/" + orderId;
    }


    @Override
    public boolean isSingleUse() {
        return true;
    }

    @Override
    public Credential obtain(TokenContext context) {
        Map<String, Object> body = Map.of("order", Map.of("id", orderId, "is_recurring", false));
        Answer answer = TokenEndpoint.json(StoreApi.post(context, stable, "v3/payments/access_tokens", body), Answer.class);
        if (answer.data == null) {
            throw TokenEndpointException.invalidResponse("'data' is missing");
        }
        return Credential.expiring(Expiry.token(answer.data.id, "data.id"), context.clock().instant().plus(ASSUMED_LIFETIME));
    }

    @Override
    public Map<String, String> headers(Credential credential) {
        return Map.of("Authorization", "PAT " + credential.value().reveal(), "Accept", "application/vnd.bc.v1+json");
    }
}
