package dev.tollgate.demo.shop;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    /** The answer to a form without the session's token: 403, and nothing was changed. */
    static Response refused(HttpServletRequest request) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE)
                .entity("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Form refused</title></head><body>"
                        + "<p id=\"refused\">This form is out of date or was not sent from the demo page: nothing was changed. "
                        + "<a href=\"" + Html.escape(request.getContextPath() + "/") + "\">Back to the page</a>, and send it again from there.</p></body></html>")
                .build();
    }
}
