package jgrad.codegen.trace;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;
import jgrad.core.Op;

/**
 * Structural equality of op records: {@code Sum(int[] axes, ...)} holds an array, which a record's
 * own {@code equals} compares by reference, so two traces of the same code would look different.
 * Records are compared component by component with {@link Objects#deepEquals}; other ops by equals.
 */
public final class OpKeys {
    private OpKeys() {}

    /** True if both ops are the same class with deeply equal record components (or equal otherwise). */
    public static boolean equal(Op a, Op b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (!a.getClass().isRecord()) {
            return a.equals(b);
        }
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            if (!Objects.deepEquals(component(c, a), component(c, b))) {
                return false;
            }
        }
        return true;
    }

    /** A hash consistent with {@link #equal}. */
    public static int hash(Op op) {
        if (op == null) {
            return 0;
        }
        if (!op.getClass().isRecord()) {
            return op.hashCode();
        }
        int h = op.getClass().hashCode();
        for (RecordComponent c : op.getClass().getRecordComponents()) {
            h = 31 * h + Arrays.deepHashCode(new Object[] {component(c, op)});
        }
        return h;
    }

    /** {@code sum(axes=[1], keepDims=false)}: the op's name with its attributes, arrays printed. */
    public static String describe(Op op) {
        if (!op.getClass().isRecord() || op.getClass().getRecordComponents().length == 0) {
            return op.name();
        }
        StringBuilder sb = new StringBuilder(op.name()).append('[');
        RecordComponent[] cs = op.getClass().getRecordComponents();
        for (int i = 0; i < cs.length; i++) {
            Object v = component(cs[i], op);
            String s = Arrays.deepToString(new Object[] {v});
            sb.append(i > 0 ? ", " : "").append(cs[i].getName()).append('=').append(s, 1, s.length() - 1);
        }
        return sb.append(']').toString();
    }

    private static Object component(RecordComponent c, Op op) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(op);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // An accessor we cannot call (a record in a module that does not open it): fall back to
            // the record's own notion of its state, its string form, which is stable for a given op.
            return op.toString();
        }
    }
}
