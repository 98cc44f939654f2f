package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account member's token for one account, from {@code POST /v2/account-members/tokens}
 * (password profile login, with the Bearer token), sent as
 * {@code EP-Account-Management-Authentication-Token}. The answer lists one token per account the
 * member belongs to, and here {@code expires} is an ISO-8601 string.
 */
final class AccountTokenSource implements CredentialSource {

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

    private final AccessTokenSource bearer;
    private final ElasticPathShopper member;

    AccountTokenSource(AccessTokenSource bearer, ElasticPathShopper member) {
        this.bearer = bearer;
        this.member = member;
    }

    @Override
    public String name() {
        return "account-token";
    }

    /** One cached token per login: the fingerprint tells shoppers apart without holding their password. */
    @Override
    public String cacheKey() {
        return "account-token/" + member.fingerprint();
    }


    @Override
    public Credential obtain(TokenContext context) {
        Map<String, Object> login = Map.of("data", Map.of("type", "account_management_authentication_token",
                "authentication_mechanism", "password", "password_profile_id", member.passwordProfileId().orElseThrow(),
                "username", member.login(), "password", member.password().reveal()));
        String body = ShopperLogin.post(context, bearer, "v2/account-members/tokens", login, member.password());
        Answer answer = TokenEndpoint.json(body, Answer.class);
        String accountId = member.accountId().orElseThrow();
        Entry entry = (answer.data == null ? List.<Entry>of() : answer.data).stream()
                .filter(e -> e != null && accountId.equals(e.account_id)).findFirst()
                .orElseThrow(() -> TokenEndpointException.invalidResponse("the member has no token for the requested account"));
        return Credential.expiring(Expiry.token(entry.token, "data[].token"), Expiry.iso(entry.expires, "data[].expires"));
    }

    @Override
    public Optional<String> rejectionAdvice(TenantSettings settings) {
        return Optional.of("The account member's login was refused (not the store's token: a 401 is repeated once"
                + " with a new one): check the password profile id, username and password given to"
                + " ElasticPathShopper.accountMember.");
    }

    @Override
    public Map<String, String> headers(Credential credential) {
        return Map.of(HEADER, credential.value().reveal());
    }
}
