package dev.tollgate.testkit.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a simulator saw it on the wire. Held in memory for assertions only; it is
 * never logged, since its headers carry credentials.
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, int status) {

    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst();
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status; // headers left out: they hold credentials
    }
}
