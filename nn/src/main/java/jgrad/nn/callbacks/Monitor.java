package jgrad.nn.callbacks;

import java.util.Locale;

/** Keras's "auto/min/max" mode of a monitored quantity: whether smaller or larger is better. */
public enum Monitor {
    AUTO, MIN, MAX;

    /** True if {@code monitor} improves when it grows, resolving AUTO as Keras does. */
    boolean increasing(String monitor) {
        return switch (this) {
            case MIN -> false;
            case MAX -> true;
            case AUTO -> {
                String m = monitor.toLowerCase(Locale.ROOT);
                yield m.endsWith("acc") || m.contains("accuracy") || m.endsWith("auc") || m.endsWith("precision")
                        || m.endsWith("recall") || m.endsWith("r2") || m.endsWith("r2_score");
            }
        };
    }
}
