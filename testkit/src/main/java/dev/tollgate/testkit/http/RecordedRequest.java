package dev.tollgate.testkit.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a simulator saw it on the wire. Held in memory for assertions only; it is
 * never logged, since its headers carry credentials.
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, int status) {

    /** The first value of a header, whatever the case of its name on the wire. */
    public Optional<String> header(String name) {
        return headerValues(name).stream().findFirst();
    }

    /** Every value of a header, whatever the case of its name on the wire. */
    public List<String> headerValues(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status; // headers left out: they hold credentials
    }
}
