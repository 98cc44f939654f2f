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

    /**
     * Where the page shows a flash: each section its own, so that what a store's uninstall did is
     * told next to the stores, not under the merchants' form.
     */
    enum Section {
        ONBOARDING, STORES;

        private String attribute() {
            return Flash.class.getName() + "." + name();
        }
    }

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

    /** Kept for the onboarding section. */
    void keepIn(HttpSession session) {
        keepIn(session, Section.ONBOARDING);
    }

    void keepIn(HttpSession session, Section section) {
        session.setAttribute(section.attribute(), this);
    }

    /** The flash the last onboarding form left, removed from the session: it is shown once. */
    static Flash takeFrom(HttpSession session) {
        return takeFrom(session, Section.ONBOARDING);
    }

    /** The flash the last form of {@code section} left, removed from the session: it is shown once. */
    static Flash takeFrom(HttpSession session, Section section) {
        Object flash = session.getAttribute(section.attribute());
        session.removeAttribute(section.attribute());
        return flash instanceof Flash f ? f : null;
    }
}
