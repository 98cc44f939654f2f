package dev.tollgate.testkit.simulator.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.time.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two refreshes racing with one rotating refresh token: exactly one wins (RFC 9700 §4.14.2). */
class OAuth2TokensTest {

    @Test
    void concurrentRedeemsOfARotatingRefreshTokenLetExactlyOneThrough() throws Exception {
        OAuth2Tokens tokens = new OAuth2Tokens(MutableClock.startingAt("2024-05-01T12:00:00Z"));
        String refreshToken = tokens.issueRefresh("billing-service", "invoices:read", null).token();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> tokens.redeem(refreshToken, "billing-service", true).isPresent());
            }
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                winners += f.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }
}
