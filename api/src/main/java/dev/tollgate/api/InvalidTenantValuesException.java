package dev.tollgate.api;

import java.util.List;

/**
 * A tenant's name or values cannot be saved: an unknown or missing key, a control character, a
 * value too long. Lists every problem found; never repeats a value. Nothing was sent or stored.
 */
public class InvalidTenantValuesException extends TollgateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidTenantValuesException(ClientRef where, List<String> problems) {
        super(where, "the values cannot be saved: " + String.join("; ", problems) + ". Nothing was stored.", null);
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem, each naming the key. */
    public List<String> problems() {
        return problems;
    }
}
