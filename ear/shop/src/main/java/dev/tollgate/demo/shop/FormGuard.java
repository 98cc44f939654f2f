package dev.tollgate.demo.shop;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The per-session token every form of the page carries: a POST without the token of the
 * visitor's own session (a form on another site, a replay from another browser) changes nothing.
 */
final class FormGuard {

    /** The form field, and the session attribute, that hold the token. */
    static final String FIELD = "csrf";
    private static final String ATTRIBUTE = FormGuard.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private FormGuard() {
    }

    /** The session's token, made on its first form. */
    static String tokenOf(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(ATTRIBUTE);
            if (token instanceof String existing) {
                return existing;
            }
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            session.setAttribute(ATTRIBUTE, made);
            return made;
        }
    }

    /** True when {@code submitted} is the token of {@code session}; false without a session or token. */
    static boolean accepts(HttpSession session, String submitted) {
        if (session == null || submitted == null) {
            return false;
        }
        Object token = session.getAttribute(ATTRIBUTE);
        // constant time: how much of a guess was right must not show in the answer's timing
        return token instanceof String expected && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
