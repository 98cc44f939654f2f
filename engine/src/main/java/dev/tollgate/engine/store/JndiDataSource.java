package dev.tollgate.engine.store;

import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The server's data source, looked up by JNDI name on the first call and kept. The lookup must run
 * on a thread of the application (a request, a {@code @PostConstruct}): {@code java:comp} names
 * exist only there, not on the engine's background threads, which then use the kept object.
 */
final class JndiDataSource implements DataSourceSupplier {

    private final String name;
    private volatile DataSource found;

    JndiDataSource(String name) {
        this.name = name;
    }

    @Override
    public DataSource get() throws SQLException {
        DataSource source = found;
        if (source == null) {
            source = lookup();
            found = source;
        }
        return source;
    }

    private DataSource lookup() throws SQLException {
        InitialContext context = null;
        try {
            context = new InitialContext();
            Object bound = context.lookup(name);
            if (bound instanceof DataSource source) {
                return source;
            }
            throw new SQLException("the JNDI name " + name + " (" + DatabaseStoreFactory.DATASOURCE + ") is bound to "
                    + (bound == null ? "nothing" : bound.getClass().getName()) + ", not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new SQLException("the data source " + name + " (" + DatabaseStoreFactory.DATASOURCE
                    + ") cannot be looked up on this thread: " + e, e);
        } finally {
            close(context);
        }
    }

    private static void close(InitialContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (NamingException ignored) {
                // the lookup's outcome stands
            }
        }
    }

    @Override
    public String toString() {
        return "JndiDataSource[" + name + "]";
    }
}
