package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's token from {@code POST /v2/customers/tokens} (password login, with the Bearer
 * token), sent as {@code X-Moltin-Customer-Token}; its {@code expires} is epoch seconds (~24 h).
 */
final class CustomerTokenSource implements CredentialSource {

    static final String HEADER = "X-Moltin-Customer-Token";

    /** {@code {"data": {"type": "token", "id", "customer_id", "token", "expires": <epoch s>}}}. */
    public static final class Answer {
        public Data data;
    }

    public static final class Data {
        public String type;
        public String customer_id;
        public String token;
        public Long expires;
    }

    private final AccessTokenSource bearer;
    private final ElasticPathShopper shopper;

    CustomerTokenSource(AccessTokenSource bearer, ElasticPathShopper shopper) {
        this.bearer = bearer;
        this.shopper = shopper;
    }

    @Override
    public String name() {
        return "customer-token";
    }

    /** One cached token per login: the fingerprint tells shoppers apart without holding their password. */
    @Override
    public String cacheKey() {
        return "customer-token/" + shopper.fingerprint();
    }


    @Override
    public Credential obtain(TokenContext context) {
        Map<String, Object> login = Map.of("data", Map.of("type", "token", "email", shopper.login(),
                "password", shopper.password().reveal(), "authentication_mechanism", "password"));
        String body = ShopperLogin.post(context, bearer, "v2/customers/tokens", login, shopper.password());
        Answer answer = TokenEndpoint.json(body, Answer.class);
        if (answer.data == null) {
            throw TokenEndpointException.invalidResponse("'data' is missing");
        }
        return Credential.expiring(Expiry.token(answer.data.token, "data.token"), Expiry.epochSeconds(answer.data.expires, "data.expires"));
    }

    @Override
    public Optional<String> rejectionAdvice(TenantSettings settings) {
        return Optional.of("The shopper's login was refused (not the store's token: a 401 is repeated once with a"
                + " new one): check the email and password given to ElasticPathShopper.customer.");
    }

    @Override
    public Map<String, String> headers(Credential credential) {
        return Map.of(HEADER, credential.value().reveal());
    }
}
