package dev.tollgate.engine;

import java.util.regex.Pattern;

/** The keys the engine itself reads under {@code tollgate.<client>.}; providers add their own. */
public final class ConfigKeys {

    public static final String PREFIX = "tollgate.";
    public static final String PROVIDER = "provider";
    public static final String BASE_URL = "base-url";
    /** Both the optional list of tenant names and the prefix of their keys. */
    public static final String TENANTS = "tenants";
    public static final String TENANT_REQUIRED = "tenant-required";
    /** Where the client's tenants are kept: {@code config} (the default) or also {@code database}. */
    public static final String TENANT_STORE = "tenant-store";
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String READ_TIMEOUT = "read-timeout";

    /**
     * Client and tenant names become one segment of a config key, so they may not contain dots;
     * the limit also keeps them usable as environment-variable names.
     */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private ConfigKeys() {
    }

    public static String clientKey(String client, String key) {
        return PREFIX + client + "." + key;
    }

    public static String tenantKey(String client, String tenant, String key) {
        return PREFIX + client + "." + TENANTS + "." + tenant + "." + key;
    }
}
