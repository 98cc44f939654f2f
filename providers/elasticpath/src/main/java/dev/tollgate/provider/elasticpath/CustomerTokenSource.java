package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import java.util.Map;

/**
 * A customer's token from {@code POST /v2/customers/tokens} (password login), sent as
 * {@code X-Moltin-Customer-Token}; its {@code expires} is epoch seconds (~24 h).
 */
final class CustomerTokenSource extends ShopperTokenSource {

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

    CustomerTokenSource(AccessTokenSource bearer, ElasticPathShopper customer) {
        super(bearer, customer, HEADER);
    }

    @Override
    public String name() {
        return "customer-token";
    }

    @Override
    String loginPath() {
        return "v2/customers/tokens";
    }

    @Override
    Map<String, Object> login(ElasticPathShopper customer) {
        return Map.of("data", Map.of("type", "token", "email", customer.login(),
                "password", customer.password().reveal(), "authentication_mechanism", "password"));
    }

    @Override
    Credential read(String body, ElasticPathShopper customer) {
        Answer answer = TokenEndpoint.json(body, Answer.class);
        if (answer.data == null) {
            throw TokenEndpointException.invalidResponse("'data' is missing");
        }
        return Credential.expiring(Expiry.token(answer.data.token, "data.token"), Expiry.epochSeconds(answer.data.expires, "data.expires"));
    }

    @Override
    String givenTo() {
        return "ElasticPathShopper.customer (email and password)";
    }
}
