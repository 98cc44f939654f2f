package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import java.util.List;
import java.util.Map;

/**
 * An account member's token for one account, from {@code POST /v2/account-members/tokens}
 * (password profile login), sent as {@code EP-Account-Management-Authentication-Token}. The answer
 * lists one token per account the member belongs to, and here {@code expires} is an ISO-8601 string.
 */
final class AccountTokenSource extends ShopperTokenSource {

    static final String HEADER = "EP-Account-Management-Authentication-Token";

    /** {@code {"data": [{"type", "account_name", "account_id", "token", "expires": "<ISO-8601>"}], ...}}. */
    public static final class Answer {
        public List<Entry> data;
    }

    public static final class Entry {
        public String type;
        public String account_name;
        public String account_id;
        public String token;
        public String expires;
    }

    AccountTokenSource(AccessTokenSource bearer, ElasticPathShopper member) {
        super(bearer, member, HEADER);
    }

    @Override
    public String name() {
        return "account-token";
    }

    @Override
    String loginPath() {
        return "v2/account-members/tokens";
    }

    @Override
    Map<String, Object> login(ElasticPathShopper member) {
        return Map.of("data", Map.of("type", "account_management_authentication_token",
                "authentication_mechanism", "password", "password_profile_id", member.passwordProfileId().orElseThrow(),
                "username", member.login(), "password", member.password().reveal()));
    }

    @Override
    Credential read(String body, ElasticPathShopper member) {
        Answer answer = TokenEndpoint.json(body, Answer.class);
        String accountId = member.accountId().orElseThrow();
        Entry entry = (answer.data == null ? List.<Entry>of() : answer.data).stream()
                .filter(e -> e != null && accountId.equals(e.account_id)).findFirst()
                .orElseThrow(() -> TokenEndpointException.invalidResponse("the member has no token for the requested account"));
        return Credential.expiring(Expiry.token(entry.token, "data[].token"), Expiry.iso(entry.expires, "data[].expires"));
    }

    @Override
    String givenTo() {
        return "ElasticPathShopper.accountMember (password profile id, username and password)";
    }
}
