package dev.tollgate.testkit.http;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a simulator received, in order; thread-safe, for the assertions of a test. */
public final class RequestJournal {

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public void record(String method, String path, HttpHeaders headers, int status) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> copy.put(name, List.copyOf(values)));
        requests.add(new RecordedRequest(method, path, Map.copyOf(copy), status));
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int count() {
        return requests.size();
    }

    public RecordedRequest last() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("the simulator received no request");
        }
        return requests.get(requests.size() - 1);
    }

    public void clear() {
        requests.clear();
    }
}
