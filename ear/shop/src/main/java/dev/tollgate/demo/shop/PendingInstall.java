package dev.tollgate.demo.shop;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;

/**
 * The install the page started for this session, whose browser went on to the app's auth
 * callback: when the browser is back, the page tells whether the store is installed (once).
 *
 * @param storeHash the store that installs
 */
record PendingInstall(String storeHash) implements Serializable {

    private static final String ATTRIBUTE = PendingInstall.class.getName();

    void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /** The install pending in {@code session}, removed from it; null for none. */
    static PendingInstall takeFrom(HttpSession session) {
        Object pending = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return pending instanceof PendingInstall p ? p : null;
    }
}
