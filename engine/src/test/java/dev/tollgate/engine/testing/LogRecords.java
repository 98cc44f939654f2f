package dev.tollgate.engine.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What Tollgate logs while a test runs, every level, as an operator's log file would hold it
 * (formatted). Register as {@code @RegisterExtension}-free: open it in the test and close it
 * (try-with-resources, or {@link EngineHarness#closeAfter}).
 */
public final class LogRecords extends Handler implements AutoCloseable {

    // held strongly: java.util.logging forgets the level of a logger nobody references
    private final Logger tollgate = Logger.getLogger("dev.tollgate");
    private final Level levelBefore;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogRecords() {
        levelBefore = tollgate.getLevel();
        tollgate.setLevel(Level.ALL);
        setLevel(Level.ALL);
        tollgate.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** The records at exactly {@code level}, as formatted messages. */
    public List<String> at(Level level) {
        SimpleFormatter formatter = new SimpleFormatter();
        return records.stream().filter(r -> r.getLevel().equals(level)).map(formatter::formatMessage).toList();
    }

    /** Every record, formatted. */
    public List<String> all() {
        SimpleFormatter formatter = new SimpleFormatter();
        return records.stream().map(formatter::formatMessage).toList();
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        tollgate.removeHandler(this);
        tollgate.setLevel(levelBefore);
    }
}
