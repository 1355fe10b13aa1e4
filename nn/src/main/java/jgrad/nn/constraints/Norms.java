package jgrad.nn.constraints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.Tensor;

/** The column norms and axis arguments the norm constraints share. */
final class Norms {
    /** Keras's {@code backend.epsilon()}, added to norms before dividing by them. */
    static final double EPSILON = 1e-7;

    private Norms() {}

    /** {@code sqrt(sum(w^2, axes, keepdims))}, axes normalised against w's rank. */
    static Tensor norms(Tensor w, int[] axes, String who) {
        int[] a = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int ax = axes[i] < 0 ? axes[i] + w.rank() : axes[i];
            if (ax < 0 || ax >= w.rank()) {
                throw new IllegalArgumentException(who + ": axis " + axes[i] + " is out of range for a weight of shape "
                        + w.shape());
            }
            a[i] = ax;
        }
        return w.square().sum(a, true).sqrt();
    }

    static int[] axes(String who, int[] axes) {
        if (axes == null || axes.length == 0) {
            throw new IllegalArgumentException(who + ": axis must name at least one axis");
        }
        return axes.clone();
    }

    /** One axis as an int, several as a list (Keras's config form). */
    static Object axisConfig(int[] axes) {
        if (axes.length == 1) {
            return axes[0];
        }
        List<Integer> l = new ArrayList<>();
        for (int a : axes) {
            l.add(a);
        }
        return l;
    }

    static int[] axisFromConfig(Map<String, ?> c) {
        Object v = c.get("axis");
        if (v == null) {
            return new int[] {0};
        }
        if (v instanceof Number n) {
            return new int[] {n.intValue()};
        }
        List<?> l = (List<?>) v;
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }

    static double number(Map<String, ?> c, String key, double fallback) {
        return c.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }
}
