package dev.tollgate.demo.shop;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.List;

/**
 * What the last form did, shown once on the page the browser is redirected to (POST, then
 * redirect, then GET: reloading the page never sends the form again). Never holds a secret.
 *
 * @param ok       true for a success
 * @param headline one sentence
 * @param details  further lines (the vendor's explanation, each problem with the values)
 * @param merchant the merchant name to put back in the form after a failure; "" for none
 */
record Flash(boolean ok, String headline, List<String> details, String merchant) implements Serializable {

    private static final String ATTRIBUTE = Flash.class.getName();

    /** The longest tenant name: more of what was typed is not kept in the session. */
    static final int MAX_NAME = 100;

    Flash {
        details = List.copyOf(details);
        merchant = merchant == null ? "" : merchant.substring(0, Math.min(merchant.length(), MAX_NAME));
    }

    static Flash success(String headline, String... details) {
        return new Flash(true, headline, List.of(details), "");
    }

    static Flash failure(String merchant, String headline, List<String> details) {
        return new Flash(false, headline, details, merchant);
    }

    void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /** The flash the last form left, removed from the session: it is shown once. */
    static Flash takeFrom(HttpSession session) {
        Object flash = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return flash instanceof Flash f ? f : null;
    }
}
