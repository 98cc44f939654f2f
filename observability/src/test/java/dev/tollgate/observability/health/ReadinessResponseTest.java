package dev.tollgate.observability.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** What an operator reads on /health/ready for the engine's report. */
class ReadinessResponseTest {

    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    @Test
    void upListsTheClientsOnly() {
        HealthCheckResponse response = ReadinessResponse.of(new HealthReport(NOW, List.of("keycloak", "taxjar"), List.of()));

        assertEquals("tollgate", response.getName());
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(Map.of("clients", "keycloak,taxjar"), response.getData().orElseThrow());
    }

    @Test
    void aServerOfAClusterSaysWhetherTheClusterCacheAnswersAndStaysUpWhenItDoesNot() {
        String since = "cluster, not answering since " + NOW + " (this server fetches on its own)";
        HealthCheckResponse answering = ReadinessResponse.of(new HealthReport(NOW, List.of("billing"), List.of(), "cluster"));
        HealthCheckResponse silent = ReadinessResponse.of(new HealthReport(NOW, List.of("billing"), List.of(), since));

        assertEquals(Map.of("clients", "billing", "cache", "cluster"), answering.getData().orElseThrow());
        assertEquals(HealthCheckResponse.Status.UP, silent.getStatus());
        assertEquals(Map.of("clients", "billing", "cache", since), silent.getData().orElseThrow());
    }

    @Test
    void downNamesClientTenantAndCredentialOfEachProblem() {
        Problem rejected = new Problem(new CredentialId("taxjar", "acme", "api-token", "taxjar"), Problem.Kind.REJECTED,
                "the API at https://api.taxjar.example refused the api-token (HTTP 401)", NOW.minusSeconds(60), null);
        Problem cooling = new Problem(new CredentialId("keycloak", "", "access-token", "oauth2"), Problem.Kind.COOLING_DOWN,
                "token endpoint answered HTTP 503", NOW.minusSeconds(5), NOW.plusSeconds(25));

        HealthCheckResponse response = ReadinessResponse.of(
                new HealthReport(NOW, List.of("keycloak", "taxjar"), List.of(cooling, rejected)));

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(Map.of(
                "clients", "keycloak,taxjar",
                "taxjar/acme/api-token", "rejected: the API at https://api.taxjar.example refused the api-token (HTTP 401)",
                "keycloak/-/access-token", "cooling down until 2026-12-05T06:00:25Z: token endpoint answered HTTP 503"),
                response.getData().orElseThrow());
    }

    /**
     * A token endpoint down for a client with 1,000 stored tenants: each probe's answer (which
     * WildFly also logs at WARN for every query while DOWN) lists a bounded number of problems and
     * says how many more there are, instead of growing with the tenants.
     */
    @Test
    void aThousandFailingTenantsListABoundedNumberAndCountTheRest() {
        String reason = "the token endpoint https://auth.example/token answered HTTP 503 (" + "x".repeat(200) + ")";
        List<Problem> problems = IntStream.range(0, 1000)
                .mapToObj(i -> new Problem(new CredentialId("billing", "tenant-" + i, "access-token", "oauth2"),
                        Problem.Kind.COOLING_DOWN, reason, NOW.minusSeconds(5), NOW.plusSeconds(25)))
                .toList();

        Map<String, Object> data = ReadinessResponse.of(new HealthReport(NOW, List.of("billing"), problems)).getData().orElseThrow();

        assertEquals(ReadinessResponse.LISTED + 2, data.size()); // clients, the listed problems, the rest's count
        assertEquals("cooling down until 2026-12-05T06:00:25Z: " + reason, data.get("billing/tenant-0/access-token"));
        assertEquals("980 more rejected or cooling-down credentials, not listed (billing: 980)", data.get("more"));
        assertTrue(data.toString().length() < 10_000, () -> data.toString().length() + " characters");
    }

    /**
     * A vendor outage for one client's 1,000 tenants (sorted first by the engine, client by client)
     * does not hide another client's rejected credential: rejections are listed first, and what is
     * not listed is counted per client.
     */
    @Test
    void anOutageOfManyTenantsHidesNoRejectionOfAnotherClient() {
        List<Problem> problems = new java.util.ArrayList<>(IntStream.range(0, 1000)
                .mapToObj(i -> new Problem(new CredentialId("billing", "tenant-" + i, "access-token", "oauth2"),
                        Problem.Kind.COOLING_DOWN, "token endpoint answered HTTP 503", NOW.minusSeconds(5), NOW.plusSeconds(25)))
                .toList());
        problems.add(new Problem(new CredentialId("taxjar", "acme", "api-token", "taxjar"), Problem.Kind.REJECTED,
                "the API at https://api.taxjar.example refused the api-token (HTTP 401)", NOW.minusSeconds(60), null));

        Map<String, Object> data = ReadinessResponse.of(new HealthReport(NOW, List.of("billing", "taxjar"), problems)).getData().orElseThrow();

        assertEquals("rejected: the API at https://api.taxjar.example refused the api-token (HTTP 401)", data.get("taxjar/acme/api-token"));
        assertEquals("981 more rejected or cooling-down credentials, not listed (billing: 981)", data.get("more"));
    }
}
