package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * The shopper a call acts for, set as the request property {@link #PROPERTY}. Tollgate logs the
 * shopper in once, caches the shopper's token per client, tenant and shopper, and sends it with
 * the Bearer token: a customer as {@code X-Moltin-Customer-Token}, an account member as
 * {@code EP-Account-Management-Authentication-Token}.
 *
 * <pre>{@code
 * client.target(url).request()
 *       .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(email, password))
 *       .get();
 * }</pre>
 */
public final class ElasticPathShopper {

    /** The request property that carries the shopper. */
    public static final String PROPERTY = "tollgate.elasticpath.shopper";

    enum Kind { CUSTOMER, ACCOUNT_MEMBER }

    private final Kind kind;
    private final String login;
    private final Secret password;
    private final String passwordProfileId;
    private final String accountId;

    private ElasticPathShopper(Kind kind, String login, Secret password, String passwordProfileId, String accountId) {
        this.kind = kind;
        this.login = requireText(login, "login");
        this.password = Objects.requireNonNull(password, "password");
        this.passwordProfileId = passwordProfileId;
        this.accountId = accountId;
    }

    /** A customer who logs in with email and password (customer token). */
    public static ElasticPathShopper customer(String email, String password) {
        return new ElasticPathShopper(Kind.CUSTOMER, email, Secret.of(requireText(password, "password")), null, null);
    }

    /**
     * An account member who logs in with a password profile (account management token), acting
     * for {@code accountId}: the member may belong to several accounts, and the token is per account.
     */
    public static ElasticPathShopper accountMember(String passwordProfileId, String username, String password, String accountId) {
        return new ElasticPathShopper(Kind.ACCOUNT_MEMBER, username, Secret.of(requireText(password, "password")),
                requireText(passwordProfileId, "passwordProfileId"), requireText(accountId, "accountId"));
    }

    Kind kind() {
        return kind;
    }

    /**
     * Names this shopper's token in the cache: a keyed hash of everything the login sends, the
     * password included. A call with a wrong password therefore never gets the token an earlier
     * right one earned, and the cache (and its logs) show no email address.
     */
    String fingerprint() {
        return LoginFingerprint.of(kind.name(), login, password.reveal(), passwordProfileId, accountId);
    }

    String login() {
        return login;
    }

    Secret password() {
        return password;
    }

    Optional<String> passwordProfileId() {
        return Optional.ofNullable(passwordProfileId);
    }

    Optional<String> accountId() {
        return Optional.ofNullable(accountId);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ElasticPathShopper[" + kind + " " + login + (accountId == null ? "" : ", account " + accountId) + "]";
    }
}
