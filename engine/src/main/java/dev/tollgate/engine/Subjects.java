package dev.tollgate.engine;

import dev.tollgate.api.TollgateException;

/**
 * Log records name their subject once: an exception's message starts with its own subject
 * ("client 'keycloak' (provider oauth2): ..."), so a record that names the subject itself quotes
 * the message without it.
 */
final class Subjects {

    private Subjects() {
    }

    /** {@code failure}'s message without the subject it starts with. */
    static String problemOf(TollgateException failure) {
        String message = failure.getMessage();
        String subject = failure.where().describe() + ": ";
        return message != null && message.startsWith(subject) ? message.substring(subject.length()) : String.valueOf(message);
    }
}
