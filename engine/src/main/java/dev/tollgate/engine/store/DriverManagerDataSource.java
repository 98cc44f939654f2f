package dev.tollgate.engine.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source for plain Java ({@code tollgate.store.jdbc-url}): a new connection from the JDBC
 * driver for each operation. Saves are rare and a stored tenant is read once before it is cached,
 * so the store needs no pool; an application that wants one gives the store a JNDI data source.
 */
final class DriverManagerDataSource implements DataSource {

    private final String url;
    private final Properties properties = new Properties();

    DriverManagerDataSource(String url, String user, String password, int timeoutSeconds) {
        this.url = url;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            // PostgreSQL's driver waits 10 s to connect and for ever to log in unless told; other
            // drivers (H2) refuse settings they do not know, so only this one gets them
            properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
            properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
            // the query timeout covers statements only, and works by asking the server to cancel:
            // a commit the server never confirms, or a server no longer answering at all, would
            // hold the thread for ever. Longer than the query timeout, so that a slow statement
            // is still cancelled cleanly first.
            properties.setProperty("socketTimeout", Integer.toString(2 * timeoutSeconds));
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw withoutUrlParameters(e);
        }
    }

    /**
     * A URL may carry the password as a parameter ({@code ?password=}, {@code ;PASSWORD=}), and
     * DriverManager quotes the whole URL when no driver takes it (a typo such as
     * {@code jdbc:postgres:}). Such a failure is reported with the URL cut before its parameters,
     * and without the original exception, whose message holds the URL.
     */
    private SQLException withoutUrlParameters(SQLException e) {
        String message = e.getMessage();
        if (message == null || !message.contains(url)) {
            return e;
        }
        return new SQLException(message.replace(url, shownUrl()), e.getSQLState(), e.getErrorCode());
    }

    /** The URL up to its first parameter, without any user information. */
    private String shownUrl() {
        int end = url.length();
        for (char separator : new char[] {'?', ';', '&'}) {
            int at = url.indexOf(separator);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String shown = url.substring(0, end).replaceAll("//[^/@]*@", "//");
        return end < url.length() ? shown + "?…" : shown;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the store's user and password come from tollgate.store.jdbc-user and jdbc-password");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager's own log writer applies
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // set through the driver's properties, per connection, instead of DriverManager's global one
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }

    @Override
    public String toString() {
        // the URL may carry a password as a parameter: never printed
        return "DriverManagerDataSource";
    }
}
