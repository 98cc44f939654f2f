package dev.tollgate.provider.taxjar;

import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TaxJar's optional {@code x-api-version: YYYY-MM-DD} header, from {@code api-version}. Known
 * values are 2012-01-01 and 2020-08-07; TaxJar ignores unknown ones, so only the form is checked.
 */
final class ApiVersion implements ClientRequestFilter {

    static final String KEY = "api-version";
    static final String HEADER = "x-api-version";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final String version;

    private ApiVersion(String version) {
        this.version = version;
    }

    /** The filter for a configured version, or empty when none is set. */
    static Optional<ApiVersion> from(TenantSettings settings) {
        return settings.get(KEY).map(String::trim).map(v -> {
            if (!DATE.matcher(v).matches()) {
                throw settings.invalid(KEY, "must be a date in the form YYYY-MM-DD, such as 2020-08-07");
            }
            return new ApiVersion(v);
        });
    }

    String value() {
        return version;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HEADER, version);
    }
}
