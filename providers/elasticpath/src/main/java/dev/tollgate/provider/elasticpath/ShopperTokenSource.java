package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import java.util.Map;
import java.util.Optional;

/**
 * A shopper's token: one login per shopper (a JSON request with the store's Bearer token, see
 * {@link ShopperLogin}), cached per login, sent in the shopper's own header. The two kinds of
 * shopper differ only in their login request, its answer and the header.
 */
abstract class ShopperTokenSource implements CredentialSource {

    private final AccessTokenSource bearer;
    private final ElasticPathShopper shopper;
    private final String header;

    ShopperTokenSource(AccessTokenSource bearer, ElasticPathShopper shopper, String header) {
        this.bearer = bearer;
        this.shopper = shopper;
        this.header = header;
    }

    static ShopperTokenSource of(AccessTokenSource bearer, ElasticPathShopper shopper) {
        return shopper.kind() == ElasticPathShopper.Kind.CUSTOMER
                ? new CustomerTokenSource(bearer, shopper) : new AccountTokenSource(bearer, shopper);
    }

    /** The login path under {@code base-url}. */
    abstract String loginPath();

    /** The login request's JSON body. */
    abstract Map<String, Object> login(ElasticPathShopper shopper);

    /** The token and expiry in the login's answer. */
    abstract Credential read(String body, ElasticPathShopper shopper);

    /** Where the shopper's login data was given, for the message when it is refused. */
    abstract String givenTo();

    /** One cached token per login: the fingerprint tells shoppers apart without holding their password. */
    @Override
    public final String cacheKey() {
        return name() + "/" + shopper.fingerprint();
    }

    @Override
    public final Credential obtain(TokenContext context) {
        return read(ShopperLogin.post(context, bearer, loginPath(), login(shopper), shopper.password()), shopper);
    }

    @Override
    public final Optional<String> rejectionAdvice(TenantSettings settings) {
        return Optional.of("The shopper's login was refused (not the store's token: a 401 is repeated once with a"
                + " new one): check the login data given to " + givenTo() + ".");
    }

    @Override
    public final Map<String, String> headers(Credential credential) {
        return Map.of(header, credential.value().reveal());
    }
}
