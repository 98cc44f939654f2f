package dev.tollgate.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database tenant store must do, run against each database the store supports (H2,
 * the servers' default, and PostgreSQL, the production target) by a subclass that supplies an
 * empty database per test.
 */
abstract class TenantStoreContract {

    static final String CLIENT = "taxjar";
    static final ClientRef REF = ClientRef.client(CLIENT);
    static final Set<String> SECRET = Set.of("api-token");
    static final int TIMEOUT_SECONDS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<ExecutorService> pools = new ArrayList<>();
    DataSourceSupplier database;
    StoreKey key;
    DatabaseTenantStore store;

    /** A new, empty database for one test. */
    abstract DataSourceSupplier emptyDatabase() throws Exception;

    /** A database that cannot be reached: a closed port, a stopped server. */
    abstract DataSourceSupplier unreachableDatabase() throws Exception;

    /**
     * Everything the database holds that an attacker with its files or a SQL login could read, by
     * where it was read (files, SQL): text as read, bytes as Latin-1 (one character per byte).
     */
    abstract Map<String, String> everythingStored() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        database = emptyDatabase();
        key = newKey();
        store = storeWith(key);
    }

    @AfterEach
    void stopThreads() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    DatabaseTenantStore storeWith(StoreKey current, StoreKey... previous) {
        return new DatabaseTenantStore(database, new KeyRing(current, List.of(previous)), TIMEOUT_SECONDS);
    }

    static StoreKey newKey() {
        byte[] bytes = new byte[StoreKey.LENGTH_BYTES];
        RANDOM.nextBytes(bytes);
        ConfiguredSecrets.record(Base64.getEncoder().encodeToString(bytes));
        return StoreKey.of(bytes);
    }

    /** A token as a merchant would paste it, noted for the log-leak scan after the run. */
    static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ConfiguredSecrets.record("tj" + HexFormat.of().formatHex(bytes));
    }

    // --- round trip, replace, remove, list, revision -------------------------------------------------

    @Test
    void aSavedTenantLoadsWithItsValuesAndWhichOfThemAreSecret() {
        String token = newToken();
        long revision = store.save(CLIENT, "acme", Map.of("api-token", token, "region", "eu"), SECRET);

        StoredTenant acme = store.load(CLIENT, "acme").orElseThrow();
        assertEquals(Map.of("api-token", token, "region", "eu"), acme.values());
        assertEquals(SECRET, acme.secretKeys());
        assertEquals(revision, acme.revision());
        assertEquals(revision, store.revision(CLIENT, "acme").orElseThrow());
        assertTrue(store.load(CLIENT, "globex").isEmpty(), "a tenant never saved");
        assertTrue(store.revision(CLIENT, "globex").isEmpty());
        assertTrue(store.load("taxizer", "acme").isEmpty(), "the same tenant name under another client is another tenant");
    }

    @Test
    void aSaveReplacesEveryPreviousValue() {
        store.save(CLIENT, "acme", Map.of("api-token", newToken(), "region", "eu", "note", "old"), SECRET);
        String token = newToken();
        store.save(CLIENT, "acme", Map.of("api-token", token), SECRET);

        assertEquals(Map.of("api-token", token), store.load(CLIENT, "acme").orElseThrow().values());
    }

    @Test
    void aRemovedTenantIsGoneAndOthersStay() {
        store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        String globexToken = newToken();
        store.save(CLIENT, "globex", Map.of("api-token", globexToken), SECRET);

        assertTrue(store.remove(CLIENT, "acme"));
        assertFalse(store.remove(CLIENT, "acme"), "removed already");
        assertTrue(store.load(CLIENT, "acme").isEmpty());
        assertTrue(store.revision(CLIENT, "acme").isEmpty());
        assertEquals(Set.of("globex"), store.tenants(CLIENT));
        assertEquals(globexToken, store.load(CLIENT, "globex").orElseThrow().values().get("api-token"));
    }

    @Test
    void tenantsListsTheClientsOwnSorted() {
        for (String tenant : List.of("zeta", "Acme", "acme", "b-2", "b_1")) {
            store.save(CLIENT, tenant, Map.of("api-token", newToken()), SECRET);
        }
        store.save("taxizer", "other", Map.of("client-secret", newToken()), Set.of("client-secret"));

        SortedSet<String> names = store.tenants(CLIENT);
        assertEquals(List.of("Acme", "acme", "b-2", "b_1", "zeta"), List.copyOf(names));
        assertEquals(Set.of("other"), store.tenants("taxizer"));
        assertTrue(store.tenants("nobody").isEmpty());
    }

    @Test
    void theRevisionChangesOnEverySaveAlsoAfterRemoveAndSaveAgain() {
        Set<Long> seen = new HashSet<>();
        assertTrue(seen.add(store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET)));
        store.save(CLIENT, "globex", Map.of("api-token", newToken()), SECRET);
        long second = store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        assertTrue(seen.add(second), "a second save");
        store.remove(CLIENT, "acme");
        long afterRemove = store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        assertTrue(seen.add(afterRemove), "saved again after a remove: " + seen + " and " + afterRemove);
        // a new store on the same database (another server, a restart) goes on from there
        long otherServer = storeWith(key).save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        assertTrue(seen.add(otherServer));
        assertEquals(otherServer, store.revision(CLIENT, "acme").orElseThrow());
    }

    @Test
    void unicodeValuesRoundTripExactly() {
        String secret = ConfiguredSecrets.record("ключ-東京-🔑-\u00e9\u0301-" + newToken());
        String clear = "Zürich · 北京 · 🏪";
        store.save(CLIENT, "acme", Map.of("api-token", secret, "storefront-name", clear), SECRET);

        StoredTenant acme = store.load(CLIENT, "acme").orElseThrow();
        assertEquals(secret, acme.values().get("api-token"));
        assertEquals(clear, acme.values().get("storefront-name"));
    }

    /** Client and tenant names may be 100 characters long (the engine's limit): the columns hold them whole. */
    @Test
    void namesAtTheHundredCharacterLimitRoundTrip() {
        String client = "c".repeat(99) + "1";
        String tenant = "t".repeat(99) + "2";
        String token = newToken();

        store.save(client, tenant, Map.of("api-token", token, "region", "eu"), SECRET);

        assertEquals(Map.of("api-token", token, "region", "eu"), store.load(client, tenant).orElseThrow().values());
        assertEquals(Set.of(tenant), store.tenants(client));
        assertTrue(store.remove(client, tenant));
    }

    @Test
    void aTenantSavedWithNoValueIsStillStored() {
        store.save(CLIENT, "empty", Map.of(), Set.of());

        assertEquals(Map.of(), store.load(CLIENT, "empty").orElseThrow().values());
        assertEquals(Set.of("empty"), store.tenants(CLIENT));
    }

    // --- encryption at rest ---------------------------------------------------------------------------

    @Test
    void noSavedSecretIsInTheDatabaseInAnySpelling() throws Exception {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String token = newToken();
            secrets.add(token);
            store.save(CLIENT, "tenant-" + i, Map.of("api-token", token, "store-hash", "shop" + i + "clearhash"), SECRET);
        }
        String unicodeSecret = ConfiguredSecrets.record("пароль-" + newToken());
        secrets.add(unicodeSecret);
        store.save(CLIENT, "unicode", Map.of("api-token", unicodeSecret), SECRET);

        List<String> found = new ArrayList<>();
        everythingStored().forEach((where, stored) -> {
            assertTrue(stored.contains("shop7clearhash"), where + ": the scan sees what is stored clear (else it proves nothing)");
            for (String secret : secrets) {
                for (String spelling : spellings(secret)) {
                    if (stored.contains(spelling)) {
                        found.add(where + ": a secret of " + secret.length() + " characters, spelled " + spellingName(secret, spelling));
                    }
                }
            }
        });
        assertEquals(List.of(), found, "secrets found in the database");
    }

    /** A boolean column read as text: H2 says TRUE, PostgreSQL t. */
    private static boolean isTrue(String text) {
        return "true".equalsIgnoreCase(text) || "t".equals(text);
    }

    /** The clear text (UTF-8 and, read back as Latin-1, as bytes), its base64 and its hex. */
    private static List<String> spellings(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, new String(utf8, StandardCharsets.ISO_8859_1), Base64.getEncoder().encodeToString(utf8),
                HexFormat.of().formatHex(utf8), HexFormat.of().withUpperCase().formatHex(utf8));
    }

    private static String spellingName(String secret, String spelling) {
        return spelling.equals(secret) ? "clear" : spelling.matches("[0-9a-fA-F]+") ? "hex" : "base64 or bytes";
    }

    @Test
    void eachSecretIsEncryptedWithItsOwnNonceAndOtherValuesAreClearButAuthenticated() throws SQLException {
        String token = newToken();
        store.save(CLIENT, "acme", Map.of("api-token", token, "region", "eu"), SECRET);
        store.save(CLIENT, "globex", Map.of("api-token", token), SECRET);

        List<Map<String, String>> rows = rows("SELECT tenant, key_name, secret, key_id, nonce, stored_value, tag"
                + " FROM tollgate_tenant_value ORDER BY tenant, key_name");
        assertEquals(3, rows.size());
        Map<String, String> acmeToken = rows.get(0);
        Map<String, String> region = rows.get(1);
        Map<String, String> globexToken = rows.get(2);
        assertEquals(key.id(), acmeToken.get("key_id"));
        assertTrue(isTrue(acmeToken.get("secret")));
        assertEquals(null, acmeToken.get("tag"), "the tag is part of the ciphertext");
        assertEquals(12, Base64.getDecoder().decode(acmeToken.get("nonce")).length);
        assertEquals(token.length() + 16, Base64.getDecoder().decode(acmeToken.get("stored_value")).length, "ciphertext and 16-byte tag");
        assertNotEquals(acmeToken.get("nonce"), globexToken.get("nonce"), "a nonce per value");
        assertNotEquals(acmeToken.get("stored_value"), globexToken.get("stored_value"));
        assertFalse(isTrue(region.get("secret")));
        assertEquals("eu", region.get("stored_value"));
        assertEquals(key.id(), region.get("key_id"));
        assertEquals(12, Base64.getDecoder().decode(region.get("nonce")).length);
        assertEquals(16, Base64.getDecoder().decode(region.get("tag")).length);
    }

    @Test
    void aTamperedCiphertextRefusesThatTenantOnlyAndNamesIt() throws SQLException {
        String token = newToken();
        store.save(CLIENT, "acme", Map.of("api-token", token), SECRET);
        String globexToken = newToken();
        store.save(CLIENT, "globex", Map.of("api-token", globexToken), SECRET);
        String sealed = value("acme", "api-token", "stored_value");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[3] ^= 0x01;
        execute("UPDATE tollgate_tenant_value SET stored_value = ? WHERE tenant = ? AND key_name = ?",
                Base64.getEncoder().encodeToString(bytes), "acme", "api-token");

        TenantStoreException refused = assertThrows(TenantStoreException.class, () -> store.load(CLIENT, "acme"));
        assertEquals("acme", refused.tenant().orElseThrow());
        assertEquals(CLIENT, refused.client());
        assertTrue(refused.getMessage().contains("'api-token'") && refused.getMessage().contains("altered"), refused.getMessage());
        assertFalse(refused.getMessage().contains(token));
        assertEquals(globexToken, store.load(CLIENT, "globex").orElseThrow().values().get("api-token"), "other tenants load");
    }

    @Test
    void aTamperedNonceOrKeyIdIsRefused() throws SQLException {
        store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        byte[] nonce = Base64.getDecoder().decode(value("acme", "api-token", "nonce"));
        nonce[0] ^= 0x01;
        execute("UPDATE tollgate_tenant_value SET nonce = ? WHERE tenant = ?", Base64.getEncoder().encodeToString(nonce), "acme");
        assertThrows(TenantStoreException.class, () -> store.load(CLIENT, "acme"), "another nonce");

        store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        execute("UPDATE tollgate_tenant_value SET nonce = ? WHERE tenant = ?", "not base64!", "acme");
        assertThrows(TenantStoreException.class, () -> store.load(CLIENT, "acme"), "a nonce that is not base64");

        store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        execute("UPDATE tollgate_tenant_value SET key_id = ? WHERE tenant = ?", "0123456789abcdef", "acme");
        TenantStoreException unknownKey = assertThrows(TenantStoreException.class, () -> store.load(CLIENT, "acme"));
        assertTrue(unknownKey.getMessage().contains("tollgate.store.previous-keys"), unknownKey.getMessage());

        store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        String anyTag = Base64.getEncoder().encodeToString(new byte[16]);
        execute("UPDATE tollgate_tenant_value SET secret = FALSE, stored_value = ?, tag = ? WHERE tenant = ?", "chosen-token", anyTag, "acme");
        assertThrows(TenantStoreException.class, () -> store.load(CLIENT, "acme"), "a secret turned into a clear value of the attacker's choice");
    }

    @Test
    void aTamperedClearValueIsRefused() throws SQLException {
        store.save(CLIENT, "acme", Map.of("api-token", newToken(), "base-url", "https://api.taxjar.com/v2/"), SECRET);
        execute("UPDATE tollgate_tenant_value SET stored_value = ? WHERE tenant = ? AND key_name = ?", "https://attacker.example/", "acme", "base-url");

        TenantStoreException refused = assertThrows(TenantStoreException.class, () -> store.load(CLIENT, "acme"));
        assertTrue(refused.getMessage().contains("'base-url'"), refused.getMessage());
    }

    @Test
    void aSecretCopiedToAnotherTenantOrKeyDoesNotDecrypt() throws SQLException {
        store.save(CLIENT, "acme", Map.of("api-token", newToken(), "refresh-token", newToken()), Set.of("api-token", "refresh-token"));
        store.save(CLIENT, "globex", Map.of("api-token", newToken()), SECRET);
        store.save("taxizer", "acme", Map.of("api-token", newToken()), SECRET);

        copyValue("acme", "api-token", CLIENT, "globex", "api-token");
        TenantStoreException toGlobex = assertThrows(TenantStoreException.class, () -> store.load(CLIENT, "globex"));
        assertEquals("globex", toGlobex.tenant().orElseThrow());

        copyValue("acme", "api-token", CLIENT, "acme", "refresh-token");
        assertThrows(TenantStoreException.class, () -> store.load(CLIENT, "acme"), "copied to another key of the same tenant");

        copyValue("acme", "api-token", "taxizer", "acme", "api-token");
        assertThrows(TenantStoreException.class, () -> store.load("taxizer", "acme"), "copied to the same tenant of another client");
    }

    private void copyValue(String fromTenant, String fromKey, String toClient, String toTenant, String toKey) throws SQLException {
        execute("UPDATE tollgate_tenant_value SET key_id = ?, nonce = ?, stored_value = ? WHERE client = ? AND tenant = ? AND key_name = ?",
                value(fromTenant, fromKey, "key_id"), value(fromTenant, fromKey, "nonce"), value(fromTenant, fromKey, "stored_value"),
                toClient, toTenant, toKey);
    }

    // --- keys: wrong key, rotation, re-encryption ----------------------------------------------------------

    @Test
    void aStoreStartedWithAnotherKeyRefusesEachTenantNamingItAndTheKeys() {
        String token = newToken();
        store.save(CLIENT, "acme", Map.of("api-token", token, "region", "eu"), SECRET);
        store.save(CLIENT, "clear-only", Map.of("region", "us"), SECRET);
        store.save(CLIENT, "no-values", Map.of(), SECRET);

        DatabaseTenantStore wrongKey = storeWith(newKey());
        TenantStoreException refused = assertThrows(TenantStoreException.class, () -> wrongKey.load(CLIENT, "acme"));
        assertEquals("acme", refused.tenant().orElseThrow());
        assertTrue(refused.getMessage().contains(key.id()) && refused.getMessage().contains("tollgate.store.encryption-key")
                && refused.getMessage().contains("tollgate.store.previous-keys"), refused.getMessage());
        assertFalse(refused.getMessage().contains(token));
        assertEquals("clear-only", assertThrows(TenantStoreException.class, () -> wrongKey.load(CLIENT, "clear-only")).tenant().orElseThrow(),
                "clear values are authenticated with the key too");
        assertEquals(Map.of(), wrongKey.load(CLIENT, "no-values").orElseThrow().values());
        assertEquals(Set.of("acme", "clear-only", "no-values"), wrongKey.tenants(CLIENT), "listing needs no key");
    }

    @Test
    void theStartupCheckNamesAKeyThatIsNoLongerConfigured() {
        store.save(CLIENT, "acme", Map.of("api-token", newToken(), "region", "eu"), SECRET);
        store.save(CLIENT, "globex", Map.of("api-token", newToken()), SECRET);
        assertEquals(List.of(), store.keyProblems(REF));

        StoreKey newKey = newKey();
        List<String> problems = storeWith(newKey).keyProblems(REF);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("3 stored values (for example of client 'taxjar' (tenant 'acme')) are protected with key id "
                + key.id()), problems.get(0));
        assertTrue(problems.get(0).contains("tollgate.store.previous-keys"), problems.get(0));
        assertEquals(List.of(), storeWith(newKey, key).keyProblems(REF), "listed as a previous key");
    }

    @Test
    void afterARotationThePreviousKeyReadsOldRowsAndReencryptMovesThemToTheNewKey() throws SQLException {
        Map<String, String> tokens = new java.util.HashMap<>();
        for (String tenant : List.of("acme", "globex", "initech")) {
            tokens.put(tenant, newToken());
            store.save(CLIENT, tenant, Map.of("api-token", tokens.get(tenant), "region", "eu"), SECRET);
        }
        StoreKey newKey = newKey();
        DatabaseTenantStore rotated = storeWith(newKey, key);
        assertEquals(tokens.get("acme"), rotated.load(CLIENT, "acme").orElseThrow().values().get("api-token"), "read with the previous key");
        String savedAfterRotation = newToken();
        rotated.save(CLIENT, "hooli", Map.of("api-token", savedAfterRotation), SECRET);
        long revision = rotated.revision(CLIENT, "acme").orElseThrow();

        assertEquals(6, rotated.reencrypt(), "the three secrets and three clear values under the previous key; not the new row");

        assertEquals(List.of(newKey.id()), distinct("SELECT DISTINCT key_id FROM tollgate_tenant_value WHERE key_id IS NOT NULL"));
        assertEquals(0, rotated.reencrypt(), "nothing left to re-encrypt");
        DatabaseTenantStore newKeyOnly = storeWith(newKey);
        for (String tenant : tokens.keySet()) {
            assertEquals(tokens.get(tenant), newKeyOnly.load(CLIENT, tenant).orElseThrow().values().get("api-token"), "the old key is no longer needed");
        }
        assertEquals(savedAfterRotation, newKeyOnly.load(CLIENT, "hooli").orElseThrow().values().get("api-token"));
        assertEquals(revision, newKeyOnly.revision(CLIENT, "acme").orElseThrow(), "the values did not change");
        assertThrows(TenantStoreException.class, () -> storeWith(key).load(CLIENT, "acme"), "the old key alone reads nothing now");
    }

    @Test
    void reencryptNamesATenantItCannotRead() throws SQLException {
        store.save(CLIENT, "acme", Map.of("api-token", newToken()), SECRET);
        execute("UPDATE tollgate_tenant_value SET key_id = ? WHERE tenant = ?", "0123456789abcdef", "acme");

        TenantStoreException refused = assertThrows(TenantStoreException.class, () -> store.reencrypt());
        assertEquals("acme", refused.tenant().orElseThrow());
    }

    /**
     * One row no key reads (altered, or its key dropped from the configuration) is reported, and does
     * not leave every other tenant under the previous key, which the administrator is about to retire.
     */
    @Test
    void aRowReencryptCannotReadDoesNotKeepTheOtherTenantsUnderThePreviousKey() throws SQLException {
        // saved first and first by name: the rows a database is most likely to return first
        store.save(CLIENT, "a-tampered", Map.of("api-token", newToken()), SECRET);
        Map<String, String> tokens = new java.util.HashMap<>();
        for (String tenant : List.of("globex", "initech", "umbrella")) {
            tokens.put(tenant, newToken());
            store.save(CLIENT, tenant, Map.of("api-token", tokens.get(tenant)), SECRET);
        }
        execute("UPDATE tollgate_tenant_value SET key_id = ? WHERE tenant = ?", "0123456789abcdef", "a-tampered");
        StoreKey newKey = newKey();

        TenantStoreException refused = assertThrows(TenantStoreException.class, () -> storeWith(newKey, key).reencrypt());

        DatabaseTenantStore newKeyOnly = storeWith(newKey);
        for (String tenant : tokens.keySet()) {
            assertEquals(tokens.get(tenant), newKeyOnly.load(CLIENT, tenant).orElseThrow().values().get("api-token"),
                    tenant + " no longer needs the previous key");
        }
        assertEquals("a-tampered", refused.tenant().orElseThrow());
        assertTrue(refused.getMessage().contains("3 values were re-encrypted"), refused.getMessage());
    }

    // --- concurrency -----------------------------------------------------------------------------------

    @Test
    void twoSavesOfTheSameTenantRacingLeaveOneOfThemWhole() throws Exception {
        ExecutorService threads = pool(3);
        AtomicBoolean saving = new AtomicBoolean(true);
        List<String> mixes = java.util.Collections.synchronizedList(new ArrayList<>());
        Future<?> reader = threads.submit(() -> {
            while (saving.get()) {
                store.load(CLIENT, "acme").ifPresent(acme -> {
                    if (writers(acme).size() != 1) {
                        mixes.add("read while saving: " + acme.values().keySet() + " from " + writers(acme));
                    }
                });
            }
        });
        try {
            for (int round = 0; round < 25; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Long> a = threads.submit(() -> saveAfter(start, "a", 5));
                Future<Long> b = threads.submit(() -> saveAfter(start, "b", 3));
                long revisionA = a.get(30, TimeUnit.SECONDS);
                long revisionB = b.get(30, TimeUnit.SECONDS);
                StoredTenant acme = store.load(CLIENT, "acme").orElseThrow();
                Set<String> writers = writers(acme);
                assertEquals(1, writers.size(), "one save wins entirely: " + acme.values().keySet() + " from " + writers);
                String winner = writers.iterator().next();
                assertEquals(winner.equals("a") ? 6 : 4, acme.values().size());
                assertEquals(Math.max(revisionA, revisionB), acme.revision(), "the later revision is the one stored");
                assertEquals(winner.equals("a") ? revisionA : revisionB, acme.revision());
            }
        } finally {
            saving.set(false);
        }
        reader.get(30, TimeUnit.SECONDS);
        assertEquals(List.of(), mixes);
    }

    @Test
    void aRemoveRacingASaveOfTheSameTenantLeavesItRemovedOrWholeAndNeverDeadlocks() throws Exception {
        ExecutorService threads = pool(2);
        for (int round = 0; round < 40; round++) {
            store.save(CLIENT, "acme", Map.of("api-token", "old:" + newToken(), "region", "old:eu"), SECRET);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Long> save = threads.submit(() -> saveAfter(start, "new", 4));
            Future<Boolean> remove = threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return store.remove(CLIENT, "acme");
            });
            save.get(30, TimeUnit.SECONDS);
            assertTrue(remove.get(30, TimeUnit.SECONDS), "there was a tenant to remove, old or new");
            store.load(CLIENT, "acme").ifPresent(acme -> assertEquals(Set.of("new"), writers(acme), "saved after the remove, whole"));
        }
    }

    private long saveAfter(CyclicBarrier start, String writer, int keys) throws Exception {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < keys; i++) {
            values.put("key-" + i, writer + ":" + i);
        }
        values.put("api-token", writer + ":" + newToken());
        start.await(30, TimeUnit.SECONDS);
        return store.save(CLIENT, "acme", values, SECRET);
    }

    /** Which saves ("a", "b") the tenant's values come from. */
    private static Set<String> writers(StoredTenant tenant) {
        Set<String> writers = new TreeSet<>();
        tenant.values().values().forEach(v -> writers.add(v.substring(0, v.indexOf(':'))));
        return writers;
    }

    @Test
    void storesStartingOnTheSameEmptyDatabaseAtOnceMigrateItOnce() throws Exception {
        int servers = 4;
        ExecutorService threads = pool(servers);
        CyclicBarrier start = new CyclicBarrier(servers);
        List<Future<Long>> saves = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            String tenant = "tenant-" + i;
            saves.add(threads.submit(() -> {
                DatabaseTenantStore own = storeWith(key);
                start.await(30, TimeUnit.SECONDS);
                return own.save(CLIENT, tenant, Map.of("api-token", newToken()), SECRET);
            }));
        }
        Set<Long> revisions = new HashSet<>();
        for (Future<Long> save : saves) {
            revisions.add(save.get(60, TimeUnit.SECONDS));
        }

        assertEquals(servers, revisions.size(), "every save its own revision");
        assertEquals(servers, store.tenants(CLIENT).size());
        assertEquals(List.of("1"), distinct("SELECT version FROM tollgate_schema_version"));
        assertEquals(List.of("1"), distinct("SELECT COUNT(*) FROM tollgate_revision"));
    }

    // --- the database down ---------------------------------------------------------------------------------

    @Test
    void anUnreachableDatabaseFailsEachOperationClearlyAndInBoundedTime() throws Exception {
        database = unreachableDatabase();
        DatabaseTenantStore down = storeWith(key);
        String token = newToken();

        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            TenantStoreException save = assertThrows(TenantStoreException.class,
                    () -> down.save(CLIENT, "acme", Map.of("api-token", token), SECRET));
            assertEquals("acme", save.tenant().orElseThrow());
            assertTrue(save.getMessage().contains("cannot be saved in the tenant store"), save.getMessage());
            assertFalse(save.getMessage().contains(token));
            TenantStoreException load = assertThrows(TenantStoreException.class, () -> down.load(CLIENT, "acme"));
            assertTrue(load.getMessage().contains("cannot be read from the tenant store"), load.getMessage());
            assertThrows(TenantStoreException.class, () -> down.revision(CLIENT, "acme"));
            assertThrows(TenantStoreException.class, () -> down.remove(CLIENT, "acme"));
            assertThrows(TenantStoreException.class, () -> down.tenants(CLIENT));
            assertThrows(TenantStoreException.class, down::reencrypt);
        }, "safety net: each operation gives up after its connect and query timeouts");
    }

    // --- helpers ----------------------------------------------------------------------------------------

    ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    String value(String tenant, String keyName, String column) throws SQLException {
        List<String> found = distinct("SELECT " + column + " FROM tollgate_tenant_value WHERE client = '" + CLIENT
                + "' AND tenant = '" + tenant + "' AND key_name = '" + keyName + "'");
        assertEquals(1, found.size());
        return found.get(0);
    }

    void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.get().getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertTrue(statement.executeUpdate() > 0, "the test changed a row");
        }
    }

    List<String> distinct(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.get().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                values.add(row.getString(1));
            }
        }
        return values;
    }

    List<Map<String, String>> rows(String sql) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection connection = database.get().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                Map<String, String> values = new java.util.HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    values.put(row.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), row.getString(i));
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
