package jgrad.codegen.fused;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The tests' System.Logger backend (a service in test resources): keeps what {@code jgrad.codegen}
 * logs, so a test can check that a failed kernel was logged once with its reason, and prints
 * everything to stderr as the default backend would.
 */
public final class CapturingLoggerFinder extends System.LoggerFinder {
    static final List<String> CODEGEN_MESSAGES = new CopyOnWriteArrayList<>();

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new System.Logger() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean isLoggable(Level level) {
                return level.getSeverity() >= Level.INFO.getSeverity();
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                record(level, msg);
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                record(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }

            @Override
            public void log(Level level, Supplier<String> msgSupplier) {
                record(level, msgSupplier.get());
            }

            private void record(Level level, String msg) {
                if (!isLoggable(level)) {
                    return;
                }
                if (name.equals("jgrad.codegen")) {
                    CODEGEN_MESSAGES.add(msg);
                }
                System.err.println(level + " " + name + ": " + msg);
            }
        };
    }
}
