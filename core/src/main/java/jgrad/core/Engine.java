package jgrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;

/**
 * Runs ops and records them on the tapes of the current thread. Kept apart from {@link Op} so
 * that every op, built in or user-written, goes through the same checks.
 */
final class Engine {
    private Engine() {}

    /**
     * Per-thread recording state: the open tapes and how deeply recording is paused (inside an
     * op's forward, or a noGrad scope). A tape records only at the depth it was opened at.
     */
    static final class ThreadState {
        final ArrayList<GradientTape> active = new ArrayList<>(2);
        int pausedAll;
        long sequence;
        /** Variables read as other tensors while a {@link Substitution} scope is open; null when none is. */
        java.util.IdentityHashMap<Variable, Tensor> substitutions;
    }

    static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);

    static Tensor apply(Op op, Tensor[] inputs) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new NullPointerException(op.name() + ": input " + i + " is null");
            }
        }
        ThreadState st = STATE.get();
        if (st.substitutions != null) {
            inputs = Substitution.replace(st.substitutions, inputs);
        }
        Tensor out;
        st.pausedAll++;
        try {
            out = op.forward(inputs);
        } finally {
            st.pausedAll--;
        }
        if (out == null) {
            throw new IllegalStateException(op.name() + ": forward returned null");
        }
        for (Tensor in : inputs) {
            if (out == in) {
                out = in.stopGradient(); // every recorded output must be a tensor of its own
                break;
            }
        }
        boolean anomaly = Anomaly.isEnabled();
        if (anomaly) {
            checkForward(op, inputs, out);
        }
        if (!st.active.isEmpty()) {
            record(st, op, inputs, out, anomaly);
        }
        return out;
    }

    private static void record(ThreadState st, Op op, Tensor[] inputs, Tensor out, boolean anomaly) {
        RecordedOp node = null;
        for (int t = 0, n = st.active.size(); t < n; t++) {
            GradientTape tape = st.active.get(t);
            if (tape.isRecording() && tape.tracksAny(inputs)) {
                if (node == null) {
                    Throwable where = anomaly ? new Throwable("op '" + op.name() + "' was recorded here") : null;
                    node = new RecordedOp(op, inputs, out, st.sequence++, where);
                }
                tape.add(node);
            }
        }
    }

    private static void checkForward(Op op, Tensor[] inputs, Tensor out) {
        if (!Anomaly.hasNonFinite(out)) {
            return;
        }
        boolean inputsFinite = true;
        for (Tensor in : inputs) {
            inputsFinite &= !Anomaly.hasNonFinite(in);
        }
        String msg = "anomaly: op '" + op.name() + "' produced " + Anomaly.describeNonFinite(out)
                + " in its output " + out.shape() + " from inputs " + describe(inputs)
                + (inputsFinite ? "" : " (an input already held NaN or Inf)");
        throw new AnomalyException(msg, new Throwable("op '" + op.name() + "' ran here"));
    }

    static void checkBackward(RecordedOp node, int input, Tensor grad) {
        if (Anomaly.hasNonFinite(grad)) {
            throw new AnomalyException("anomaly: the gradient of op '" + node.op().name() + "' for input " + input
                    + " " + node.inputArray()[input].shape() + " holds " + Anomaly.describeNonFinite(grad)
                    + "; inputs " + describe(node.inputArray()), node.recordedAt());
        }
    }

    static String describe(Tensor[] inputs) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < inputs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(inputs[i].shape()).append(' ').append(inputs[i].dtype());
        }
        return sb.append(')').toString();
    }

    /**
     * Reduces a gradient shaped like a broadcast result back to the shape of the input it belongs
     * to, by summing over the axes broadcasting added or stretched.
     */
    static Tensor sumTo(Op op, int input, Tensor grad, Tensor target) {
        int[] gs = grad.shapeUnsafe();
        int[] ts = target.shapeUnsafe();
        if (Arrays.equals(gs, ts)) {
            return grad;
        }
        int lead = gs.length - ts.length;
        if (lead < 0) {
            throw mismatch(op, input, grad, target);
        }
        int[] axes = new int[gs.length];
        int count = 0;
        for (int i = 0; i < gs.length; i++) {
            if (i < lead) {
                axes[count++] = i;
            } else if (ts[i - lead] == 1 && gs[i] != 1) {
                axes[count++] = i;
            } else if (ts[i - lead] != gs[i]) {
                throw mismatch(op, input, grad, target);
            }
        }
        Tensor r = count == 0 ? grad : grad.sum(Arrays.copyOf(axes, count), true);
        return r.reshape(ts);
    }

    private static IllegalStateException mismatch(Op op, int input, Tensor grad, Tensor target) {
        return new IllegalStateException("op '" + op.name() + "': its vjp returned a gradient of shape " + grad.shape()
                + " for input " + input + ", which does not reduce to the input's shape " + target.shape());
    }
}
