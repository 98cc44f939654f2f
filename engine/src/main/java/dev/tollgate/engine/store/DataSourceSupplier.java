package dev.tollgate.engine.store;

import java.sql.SQLException;
import javax.sql.DataSource;

/** Where the store gets its {@link DataSource}; a failure to find it is reported as the database's failure. */
@FunctionalInterface
interface DataSourceSupplier {

    DataSource get() throws SQLException;
}
