package dev.tollgate.testkit.simulator.elasticpath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stores a simulated Elastic Path Commerce Cloud knows. Each store
 * lives in one region and is reached through its client id; it may have a client secret (for
 * client_credentials tokens), shoppers who log in for customer tokens, and account members who
 * log in for account management tokens.
 */
public final class ElasticPathStores {

    public static final String US_EAST = "useast";
    public static final String EU_WEST = "euwest";

    /** A shopper, logging in with email and password. */
    public record Customer(String id, String email, String password) {

        @Override
        public String toString() {
            return "Customer[" + id + ", " + email + "]"; // no password
        }
    }

    /** An account (a company buying from the store) an account member acts for. */
    public record Account(String id, String name) {
    }

    /** A member of one or more accounts, logging in through a password profile. */
    public record AccountMember(String id, String passwordProfileId, String username, String password,
                                List<Account> accounts) {

        public AccountMember {
            accounts = List.copyOf(accounts);
        }

        @Override
        public String toString() {
            return "AccountMember[" + id + ", " + username + ", " + accounts + "]"; // no password
        }
    }

    /** A store; {@code clientSecret} null when the store only hands out implicit tokens. */
    public record Store(String region, String clientId, String clientSecret,
                        List<Customer> customers, List<AccountMember> accountMembers) {

        public Store {
            customers = List.copyOf(customers);
            accountMembers = List.copyOf(accountMembers);
        }

        public Optional<String> secret() {
            return Optional.ofNullable(clientSecret);
        }

        public Optional<Customer> customerById(String id) {
            return customers.stream().filter(c -> c.id().equals(id)).findFirst();
        }

        /** Emails are compared without case, as shoppers type them. */
        public Optional<Customer> customerByEmail(String email) {
            return customers.stream().filter(c -> c.email().equalsIgnoreCase(email)).findFirst();
        }

        public Optional<AccountMember> accountMember(String passwordProfileId, String username) {
            return accountMembers.stream()
                    .filter(m -> m.passwordProfileId().equals(passwordProfileId) && m.username().equals(username))
                    .findFirst();
        }

        public Optional<Account> account(String id) {
            return accountMembers.stream().flatMap(m -> m.accounts().stream())
                    .filter(a -> a.id().equals(id)).findFirst();
        }

        @Override
        public String toString() {
            return "Store[" + region + ", " + clientId + "]"; // no secret, no shopper data
        }
    }

    private final Map<String, Store> byClientId = new ConcurrentHashMap<>();

    /** The stores of {@link ElasticPathFixture}. */
    public static ElasticPathStores standard() {
        return new ElasticPathStores()
                .store(US_EAST, ElasticPathFixture.ACME_CLIENT_ID, ElasticPathFixture.ACME_CLIENT_SECRET)
                .customer(ElasticPathFixture.ACME_CLIENT_ID, new Customer(ElasticPathFixture.JANE_CUSTOMER_ID,
                        ElasticPathFixture.JANE_EMAIL, ElasticPathFixture.JANE_PASSWORD))
                .accountMember(ElasticPathFixture.ACME_CLIENT_ID, new AccountMember(ElasticPathFixture.BOB_MEMBER_ID,
                        ElasticPathFixture.PASSWORD_PROFILE_ID, ElasticPathFixture.BOB_USERNAME, ElasticPathFixture.BOB_PASSWORD,
                        List.of(new Account(ElasticPathFixture.BOB_FIRST_ACCOUNT_ID, "Bob's Bikes"),
                                new Account(ElasticPathFixture.BOB_SECOND_ACCOUNT_ID, "Bob's Boats"))))
                .store(EU_WEST, ElasticPathFixture.GLOBEX_CLIENT_ID, ElasticPathFixture.GLOBEX_CLIENT_SECRET)
                .store(US_EAST, ElasticPathFixture.STOREFRONT_ONLY_CLIENT_ID, null);
    }

    public ElasticPathStores store(String region, String clientId, String clientSecretOrNull) {
        byClientId.put(clientId, new Store(region, clientId, clientSecretOrNull, List.of(), List.of()));
        return this;
    }

    public ElasticPathStores customer(String clientId, Customer customer) {
        byClientId.computeIfPresent(clientId, (id, s) -> new Store(s.region(), id, s.clientSecret(),
                plus(s.customers(), customer), s.accountMembers()));
        return this;
    }

    public ElasticPathStores accountMember(String clientId, AccountMember member) {
        byClientId.computeIfPresent(clientId, (id, s) -> new Store(s.region(), id, s.clientSecret(),
                s.customers(), plus(s.accountMembers(), member)));
        return this;
    }

    /** The store of this client id, if it lives in this region: a store is reached only in its own. */
    public Optional<Store> find(String region, String clientId) {
        return Optional.ofNullable(byClientId.get(clientId)).filter(s -> s.region().equals(region));
    }

    /** Elastic Path's two regions, and any other a test gave a store. */
    public boolean knowsRegion(String region) {
        return regions().contains(region);
    }

    public Set<String> regions() {
        return Stream.concat(Stream.of(US_EAST, EU_WEST), byClientId.values().stream().map(Store::region))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return copy;
    }
}
