package dev.chatgate.server.hostile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Every ERROR event, or any event with a stack trace, logged anywhere while attached. */
final class ErrorLogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    ErrorLogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** The events since the last call, described; clears them. */
    synchronized List<String> drain() {
        List<String> errors;
        synchronized (appender.list) {
            errors = appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()
                            + ": " + e.getThrowableProxy().getMessage()))
                    .toList();
            appender.list.clear();
        }
        return errors;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
