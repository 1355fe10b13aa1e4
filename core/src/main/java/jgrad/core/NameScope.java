package jgrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Named regions of a recorded computation (TensorFlow's {@code tf.name_scope}): the ops recorded
 * while a scope is open belong to it, and the tapes that recorded them keep the scope as a
 * {@link Span} ({@link GradientTape#scopes()}), so drawings can group them. A time-step scope
 * ({@link #timeStep}) marks one step of a recurrence: the recurrent layers open one per step
 * while a tape records, and {@code jgrad.inspect}'s graph page draws an unrolled recurrence with
 * one column per step.
 *
 * <pre>{@code
 * for (int t = 1; t <= steps; t++) {
 *     try (Scope s = NameScope.timeStep(t)) {
 *         h = cell.call(x[t], h) ...
 *     }
 * }
 * }</pre>
 *
 * <p>Scopes nest ({@code encoder/t=3}) and belong to the thread that opened them. While no tape
 * records, opening one costs a thread-local lookup and keeps nothing.
 */
public final class NameScope {
    private NameScope() {}

    /**
     * A closed scope as a tape kept it: the ops whose {@link RecordedOp#sequence()} lies in
     * {@code [first, end)} ran inside it (and inside no scope opened within it, unless a span
     * of that scope says so).
     *
     * @param name the scope's own name ({@code t=3})
     * @param path the names of the enclosing scopes and this one, joined by '/' ({@code encoder/t=3})
     * @param step the time step for a {@link #timeStep} scope, -1 for others
     * @param depth how many scopes enclose it (0 for an outermost one)
     * @param first the sequence number of the first op recorded inside it
     * @param end one past the sequence number of the last op recorded inside it
     */
    public record Span(String name, String path, int step, int depth, long first, long end) {
        public Span {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }

        public boolean isTimeStep() {
            return step >= 0;
        }

        /** True if the op with this sequence number ran inside the scope. */
        public boolean contains(long sequence) {
            return sequence >= first && sequence < end;
        }
    }

    /** The open scopes of one thread, innermost last. */
    private static final class Open {
        final String name;
        final String path;
        final int step;
        final int depth;
        final long first;
        final List<GradientTape> tapes;

        Open(String name, String path, int step, int depth, long first, List<GradientTape> tapes) {
            this.name = name;
            this.path = path;
            this.step = step;
            this.depth = depth;
            this.first = first;
            this.tapes = tapes;
        }
    }

    private static final ThreadLocal<ArrayList<Open>> STACK = ThreadLocal.withInitial(ArrayList::new);

    /** Opens a scope named {@code name}; close it (try-with-resources) to end it. */
    public static Scope open(String name) {
        Objects.requireNonNull(name, "NameScope.open: name is null");
        if (name.isBlank() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("NameScope.open: a scope name must be non-blank and without '/', got '"
                    + name + "'");
        }
        return push(name.strip(), -1);
    }

    /** Opens the scope of time step {@code t} of a recurrence, named {@code t=<t>}. */
    public static Scope timeStep(int t) {
        if (t < 0) {
            throw new IllegalArgumentException("NameScope.timeStep: the step must be >= 0, got " + t);
        }
        return push("t=" + t, t);
    }

    /** The path of the innermost open scope on this thread ({@code encoder/t=3}), or "" when none is open. */
    public static String current() {
        ArrayList<Open> stack = STACK.get();
        return stack.isEmpty() ? "" : stack.getLast().path;
    }

    private static Scope push(String name, int step) {
        ArrayList<Open> stack = STACK.get();
        Engine.ThreadState st = Engine.STATE.get();
        List<GradientTape> tapes = List.of();
        for (GradientTape tape : st.active) {
            if (tape.isRecording()) {
                if (tapes.isEmpty()) {
                    tapes = new ArrayList<>(2);
                }
                tapes.add(tape);
            }
        }
        String path = stack.isEmpty() ? name : stack.getLast().path + "/" + name;
        Open open = new Open(name, path, step, stack.size(), st.sequence, tapes);
        stack.add(open);
        return new Scope(() -> pop(stack, open, st));
    }

    private static void pop(ArrayList<Open> stack, Open open, Engine.ThreadState st) {
        // Closed out of order (a scope leaked past an inner one's close): drop everything above it too.
        int at = stack.lastIndexOf(open);
        if (at < 0) {
            return;
        }
        while (stack.size() > at) {
            stack.removeLast();
        }
        long end = st.sequence;
        if (end == open.first) {
            return; // nothing was recorded inside
        }
        Span span = new Span(open.name, open.path, open.step, open.depth, open.first, end);
        for (GradientTape tape : open.tapes) {
            tape.addScope(span);
        }
    }
}
