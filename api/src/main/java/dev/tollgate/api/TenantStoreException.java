package dev.tollgate.api;

/**
 * The tenant store failed: the database cannot be reached or written, or a stored tenant's values
 * cannot be read back (a row altered outside Tollgate, a value encrypted with a key no longer
 * configured). Names the tenant where one is concerned; never repeats a stored value.
 */
public class TenantStoreException extends TollgateException {

    private static final long serialVersionUID = 1L;

    public TenantStoreException(ClientRef where, String problem, Throwable cause) {
        super(where, problem, cause);
    }
}
