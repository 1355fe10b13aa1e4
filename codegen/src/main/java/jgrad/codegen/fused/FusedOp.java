package jgrad.codegen.fused;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jgrad.codegen.fused.KernelEmitter.Mode;
import jgrad.codegen.fused.Layout.Access;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.ops.kernels.FreshArrays;
import jgrad.ops.kernels.Parallel;
import jgrad.ops.math.Cast;
import jgrad.ops.reduce.Sum;

/**
 * A fused group as one Op, recorded on tapes as a single op named {@code fused[mul,add,exp]}.
 *
 * <p>forward validates the inputs (broadcastable shapes, one float dtype, bool masks where a
 * condition is expected), then runs the generated kernel for (group, input layout, dtype) from the
 * cache; while it compiles (on a background thread), or if it failed to (logged once), the group's
 * ops run one by one, with the same results within float rounding. Groups the kernels cannot
 * express run unfused too: a cast that changes the dtype, a sum over non-trailing axes. A group
 * longer than {@link FusionRules#MAX_GROUP_NODES} runs as several kernels. Views are copied to
 * contiguous arrays first (an offset alone costs nothing); an input broadcast other than as full,
 * per-row, per-column or scalar (see {@link Layout}) is expanded to the output's shape first.
 *
 * <p>vjp runs a generated backward kernel computing every needed input gradient in one pass,
 * recomputing the forward values in registers; a broadcast input's gradient (a bias) is summed to
 * the input's shape in the same pass (an expanded input's is reduced by the engine). When
 * {@link GradientTape#isRecordingAny()} (a higher-order gradient is being taken) it replays the
 * group's ops under the tapes instead, so gradients of any order stay correct.
 *
 * @param group the fused ops
 */
public record FusedOp(FusedGroup group) implements Op {
    public FusedOp {
        Objects.requireNonNull(group, "FusedOp: group");
    }

    @Override
    public String name() {
        return group.name();
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        Plan p = plan(inputs);
        if (group.nodes().size() > FusionRules.MAX_GROUP_NODES && Kernels.isEnabled()) {
            return staged(inputs);
        }
        if (p.layout == null || !Kernels.isEnabled()) {
            return unfused(inputs);
        }
        if (p.layout.outer() * p.layout.inner() == 0) {
            return p.mode == Mode.ELEMENTWISE ? Tensor.wrap(FreshArrays.of(p.dtype, 0), Shape.of(p.outDims))
                    : Tensor.zeros(p.dtype, p.resultDims);
        }
        KernelCache.Key key = new KernelCache.Key(group, p.dtype, p.layout.access(), p.mode, false, List.of());
        FusedKernel k = KernelCache.get(key);
        if (k == null) {
            return unfused(inputs);
        }
        int n = p.layout.outer() * p.layout.inner();
        Object[] in = new Object[inputs.length];
        int[] off = new int[inputs.length];
        storage(inputs, in, off, p.layout);
        Object out = FreshArrays.of(p.dtype, p.mode == Mode.SUM_ROWS ? p.layout.outer() : p.mode == Mode.SUM_ALL ? 1 : n);
        double total;
        try {
            total = run(k, p.layout, in, off, new Object[] {out}, p.mode, group.nodes().size());
        } catch (RuntimeException e) {
            // A kernel that throws (a user rule calling something that fails) is dropped, not fatal.
            KernelCache.dropFailing(key, e);
            return unfused(inputs);
        }
        if (p.mode == Mode.SUM_ALL) {
            if (out instanceof float[] f) {
                f[0] = (float) total;
            } else {
                ((double[]) out)[0] = total;
            }
        }
        return Tensor.wrap(out, Shape.of(p.mode == Mode.ELEMENTWISE ? p.outDims : p.resultDims));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor[] inputs = b.inputs();
        List<Integer> wanted = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (b.needsGrad(i) && !group.isMaskInput(i)) {
                wanted.add(i);
            }
        }
        Tensor[] grads = new Tensor[inputs.length];
        if (wanted.isEmpty()) {
            return grads;
        }
        if (GradientTape.isRecordingAny() || !Kernels.isEnabled()
                || group.nodes().size() > FusionRules.MAX_GROUP_NODES) {
            // (A long group's replay runs its stages, each a FusedOp with its own backward kernel.)
            return replayGradients(inputs, b.grad(), wanted);
        }
        Plan p = plan(inputs);
        if (p.layout == null) {
            return replayGradients(inputs, b.grad(), wanted);
        }
        int n = p.layout.outer() * p.layout.inner();
        Shape full = Shape.of(p.outDims);
        if (n == 0) {
            for (int w : wanted) {
                grads[w] = Tensor.zeros(p.dtype, p.outDims);
            }
            return grads;
        }
        // The output gradient as one more input: full, or per row / scalar after a sum.
        Tensor g = b.grad().reshape(p.mode == Mode.ELEMENTWISE ? p.outDims : keepDimsShape(p));
        Tensor[] all = Arrays.copyOf(inputs, inputs.length + 1);
        all[inputs.length] = g;
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : all) {
            shapes.add(t.shape().dims());
        }
        Layout layout = Layout.of(p.outDims, shapes, p.mode == Mode.ELEMENTWISE ? -1 : p.layout.split());
        KernelCache.Key key = layout == null ? null : new KernelCache.Key(group, p.dtype, layout.access(),
                Mode.ELEMENTWISE, true, List.copyOf(wanted));
        FusedKernel k = key == null ? null : KernelCache.get(key);
        if (k == null) {
            return replayGradients(inputs, b.grad(), wanted);
        }
        Object[] in = new Object[all.length];
        int[] off = new int[all.length];
        storage(all, in, off, layout);
        List<Access> outAccess = wanted.stream().map(w -> layout.access().get(w)).toList();
        Object[] out;
        try {
            out = runBackward(k, layout, in, off, outAccess, p.dtype, 3 * group.nodes().size());
        } catch (RuntimeException e) {
            KernelCache.dropFailing(key, e);
            return replayGradients(inputs, b.grad(), wanted);
        }
        for (int j = 0; j < out.length; j++) {
            int w = wanted.get(j);
            // Broadcast inputs got their gradient summed in the kernel: it has the input's shape.
            grads[w] = Tensor.wrap(out[j], outAccess.get(j) == Access.FULL ? full : inputs[w].shape());
        }
        return grads;
    }

    /** The group's ops one by one (each recorded on the tapes that are recording). */
    public Tensor unfused(Tensor... inputs) {
        List<FusedGroup.Node> nodes = group.nodes();
        Tensor[] values = Arrays.copyOf(inputs, inputs.length + nodes.size());
        for (int k = 0; k < nodes.size(); k++) {
            FusedGroup.Node node = nodes.get(k);
            Tensor[] args = new Tensor[node.args().length];
            for (int a = 0; a < args.length; a++) {
                args[a] = values[node.args()[a]];
            }
            values[inputs.length + k] = node.op().apply(args);
        }
        return values[values.length - 1];
    }

    // ------------------------------------------------------------------ long groups

    /**
     * One stage of a long group: a FusedOp applied to ids of the long group (inputs or earlier
     * nodes), giving the value of id {@code output}.
     */
    private record Stage(FusedOp op, int[] args, int output) {}

    private static final Map<FusedGroup, Optional<List<Stage>>> STAGES = new ConcurrentHashMap<>();

    /**
     * A group longer than {@link FusionRules#MAX_GROUP_NODES} as a sequence of stages, each one
     * kernel, cut where exactly one value (a float) crosses the cut: a chain's running value. Each
     * stage is applied as an op (so a tape replaying the group records the stages, and their fused
     * backward kernels compute the gradient). Without such cuts the ops run one by one.
     */
    private Tensor staged(Tensor[] inputs) {
        Optional<List<Stage>> stages = STAGES.computeIfAbsent(group, FusedOp::cut);
        if (stages.isEmpty()) {
            return unfused(inputs);
        }
        Tensor[] values = Arrays.copyOf(inputs, inputs.length + group.nodes().size());
        Tensor last = null;
        for (Stage st : stages.get()) {
            Tensor[] args = new Tensor[st.args().length];
            for (int a = 0; a < args.length; a++) {
                args[a] = values[st.args()[a]];
            }
            last = st.op().apply(args);
            values[st.output()] = last;
        }
        return last;
    }

    private static Optional<List<Stage>> cut(FusedGroup g) {
        int n = g.inputCount();
        List<FusedGroup.Node> nodes = g.nodes();
        int total = n + nodes.size();
        // lastUse[id]: the last node referring to id; a cut after id p is clean if no node after p
        // refers to a node before p, and p is a float value.
        int[] lastUse = new int[total];
        boolean[] mask = new boolean[total];
        for (int k = 0; k < nodes.size(); k++) {
            FusedGroup.Node node = nodes.get(k);
            for (int a : node.args()) {
                lastUse[a] = Math.max(lastUse[a], n + k);
            }
            jgrad.core.Op op = node.op();
            mask[n + k] = !FusionRules.isReductionEpilogue(op) && FusionRules.require(op).producesMask(op);
        }
        boolean[] clean = new boolean[total];
        int reach = 0;
        for (int p = n; p < total; p++) {
            clean[p] = reach <= p && !mask[p];
            reach = Math.max(reach, lastUse[p]);
        }
        List<Stage> stages = new ArrayList<>();
        int start = n;
        while (start < total) {
            int end = -1;
            if (total - start <= FusionRules.MAX_GROUP_NODES) {
                end = total - 1;
            } else {
                for (int p = start + FusionRules.MAX_GROUP_NODES - 1; p >= start; p--) {
                    if (clean[p]) {
                        end = p;
                        break;
                    }
                }
            }
            if (end < 0) {
                return Optional.empty();
            }
            // The stage's inputs: every id before start its nodes refer to, in order of first use.
            Map<Integer, Integer> local = new java.util.LinkedHashMap<>();
            for (int id = start; id <= end; id++) {
                for (int a : nodes.get(id - n).args()) {
                    if (a < start) {
                        local.putIfAbsent(a, local.size());
                    }
                }
            }
            FusedGroup.Builder b = FusedGroup.builder();
            for (int i = 0; i < local.size(); i++) {
                b.input();
            }
            for (int id = start; id <= end; id++) {
                FusedGroup.Node node = nodes.get(id - n);
                int[] args = new int[node.args().length];
                for (int a = 0; a < args.length; a++) {
                    int ref = node.args()[a];
                    args[a] = ref < start ? local.get(ref) : local.size() + (ref - start);
                }
                b.node(node.op(), args);
            }
            stages.add(new Stage(new FusedOp(b.build()), local.keySet().stream().mapToInt(Integer::intValue).toArray(),
                    end));
            start = end + 1;
        }
        return Optional.of(stages);
    }

    /**
     * The gradients by replaying the ops under a tape of their own: ops and gradient formulas are
     * recorded by the outer tapes, so a gradient of this gradient is correct.
     */
    private Tensor[] replayGradients(Tensor[] inputs, Tensor grad, List<Integer> wanted) {
        Tensor[] sources = inputs.clone();
        // A tensor passed as two inputs would get its total gradient twice: give each a distinct identity.
        for (int i = 0; i < sources.length; i++) {
            for (int j = 0; j < i; j++) {
                if (sources[j] == sources[i]) {
                    sources[i] = new Identity().apply(sources[i]);
                    break;
                }
            }
        }
        Tensor[] grads = new Tensor[inputs.length];
        try (GradientTape tape = new GradientTape()) {
            tape.watch(sources);
            Tensor y = group.nodes().size() > FusionRules.MAX_GROUP_NODES && Kernels.isEnabled() ? staged(sources)
                    : unfused(sources);
            List<Tensor> wantedSources = wanted.stream().map(i -> sources[i]).toList();
            List<Tensor> gs = tape.gradient(y, wantedSources, grad, UnconnectedGradients.ZERO);
            for (int j = 0; j < wanted.size(); j++) {
                grads[wanted.get(j)] = gs.get(j);
            }
        }
        return grads;
    }

    /** x itself as a new tensor (recorded, gradient passes through): gives a repeated input its own identity. */
    record Identity() implements Op {
        @Override
        public String name() {
            return "identity";
        }

        @Override
        public Tensor forward(Tensor... inputs) {
            Tensor x = inputs[0];
            return Tensor.view(x, x.shape(), x.strides(), x.offset());
        }

        @Override
        public Tensor[] vjp(Backward b) {
            return new Tensor[] {b.grad()};
        }
    }

    // ------------------------------------------------------------------ planning

    /** The checked inputs' dtype, the elementwise output's dims, the result's dims, mode and layout (null: unfused). */
    private record Plan(DType dtype, int[] outDims, int[] resultDims, Mode mode, Layout layout) {}

    private Plan plan(Tensor[] inputs) {
        String name = name();
        if (inputs.length != group.inputCount()) {
            throw new IllegalArgumentException(name + ": expected " + group.inputCount() + " inputs, got "
                    + inputs.length);
        }
        DType dtype = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t == null) {
                throw new NullPointerException(name + ": input " + i + " is null");
            }
            if (group.isMaskInput(i)) {
                if (t.dtype() != DType.BOOL) {
                    throw new IllegalArgumentException(name + ": input " + i + " is a condition and must be bool, got "
                            + t.dtype() + " " + t.shape());
                }
            } else if (!t.dtype().isFloating()) {
                throw new IllegalArgumentException(name + ": input " + i + " must be float32 or float64, got "
                        + t.dtype() + " " + t.shape());
            } else if (dtype == null) {
                dtype = t.dtype();
            } else if (t.dtype() != dtype) {
                throw new IllegalArgumentException(name + ": dtype mismatch: input " + i + " is " + t.dtype() + " "
                        + t.shape() + ", the earlier inputs are " + dtype + "; cast one of them");
            }
        }
        if (dtype == null) {
            throw new IllegalArgumentException(name + ": needs at least one float input");
        }
        // Shapes node by node, as the unfused ops would broadcast them (same messages' content).
        List<FusedGroup.Node> nodes = group.nodes();
        Shape[] shapes = new Shape[inputs.length + nodes.size()];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
        }
        boolean castChangesDtype = false;
        for (int k = 0; k < nodes.size(); k++) {
            FusedGroup.Node node = nodes.get(k);
            Shape s = shapes[node.args()[0]];
            for (int a = 1; a < node.args().length; a++) {
                Shape t = shapes[node.args()[a]];
                if (!s.equals(t)) {
                    s = Shape.broadcast(name + " (node " + k + ", " + node.op().name() + ")", "the result so far", s,
                            "argument " + a, t);
                }
            }
            shapes[inputs.length + k] = s;
            castChangesDtype |= node.op() instanceof Cast c && c.dtype() != dtype;
        }
        Op reduction = group.reduction();
        int lastElementwise = reduction == null ? shapes.length - 1 : nodes.get(nodes.size() - 1).args()[0];
        int[] outDims = shapes[lastElementwise].dims();
        Mode mode = Mode.ELEMENTWISE;
        int split = -1;
        int[] resultDims = outDims;
        if (reduction instanceof Sum sum) {
            int r = outDims.length;
            boolean[] reduced = new boolean[r];
            if (sum.axes() == null || sum.axes().length == 0) {
                Arrays.fill(reduced, true);
            } else {
                for (int ax : sum.axes()) {
                    int a = Shape.normalizeAxis(ax, r, "sum");
                    if (reduced[a]) {
                        throw new IllegalArgumentException("sum: axis " + ax + " is repeated in axes "
                                + Arrays.toString(sum.axes()) + " for shape " + Shape.of(outDims));
                    }
                    reduced[a] = true;
                }
            }
            split = r;
            while (split > 0 && reduced[split - 1]) {
                split--;
            }
            boolean trailing = true;
            for (int a = 0; a < split; a++) {
                trailing &= !reduced[a];
            }
            if (!trailing || split == r) {
                // Not a run of trailing axes (or none at all): the reduction runs as its own op.
                return new Plan(dtype, outDims, null, Mode.ELEMENTWISE, null);
            }
            mode = split == 0 ? Mode.SUM_ALL : Mode.SUM_ROWS;
            List<Integer> rd = new ArrayList<>();
            for (int a = 0; a < r; a++) {
                if (!reduced[a]) {
                    rd.add(outDims[a]);
                } else if (sum.keepDims()) {
                    rd.add(1);
                }
            }
            resultDims = rd.stream().mapToInt(Integer::intValue).toArray();
        }
        if (castChangesDtype) {
            return new Plan(dtype, outDims, resultDims, mode, null);
        }
        List<int[]> inShapes = new ArrayList<>();
        for (Tensor t : inputs) {
            inShapes.add(t.shape().dims());
        }
        // A sum over everything may use any split; otherwise the split is where the summed axes start.
        Layout layout = Layout.of(outDims, inShapes, mode == Mode.SUM_ROWS ? split : -1);
        return new Plan(dtype, outDims, resultDims, mode, layout);
    }

    /** The output gradient's shape with the summed axes kept as ones. */
    private static int[] keepDimsShape(Plan p) {
        int[] d = p.outDims.clone();
        int split = p.layout.split();
        for (int a = p.mode == Mode.SUM_ALL ? 0 : split; a < d.length; a++) {
            d[a] = 1;
        }
        return d;
    }

    /**
     * Storage arrays and start offsets of the inputs: views made contiguous first, inputs the layout
     * expands materialised at the output's shape.
     */
    private static void storage(Tensor[] inputs, Object[] in, int[] off, Layout layout) {
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (layout.expanded()[i]) {
                t = t.broadcastTo(Shape.of(layout.outDims()));
            }
            t = t.isContiguous() ? t : t.contiguous();
            in[i] = t.storage();
            off[i] = t.offset();
        }
    }

    /**
     * Runs a backward kernel: full gradients are written in place, gradients of broadcast inputs
     * are sums the kernel accumulates. Split across threads in chunks (by rows, or by ranges of the
     * inner index for one row), each chunk summing into arrays of its own that are added in a fixed
     * order afterwards, so no two threads add into the same element.
     */
    private static Object[] runBackward(FusedKernel k, Layout layout, Object[] in, int[] off, List<Access> outAccess,
            DType dtype, int opsPerElement) {
        int outer = layout.outer();
        int inner = layout.inner();
        int[] sizes = new int[outAccess.size()];
        boolean summing = false;
        for (int j = 0; j < sizes.length; j++) {
            sizes[j] = switch (outAccess.get(j)) {
                case FULL -> outer * inner;
                case INNER -> inner;
                case OUTER -> outer;
                case SCALAR -> 1;
            };
            summing |= outAccess.get(j) == Access.INNER || outAccess.get(j) == Access.SCALAR;
        }
        Object[] out = new Object[sizes.length];
        for (int j = 0; j < out.length; j++) {
            // Full and per-row outputs are written once per element; sums start from zero.
            out[j] = outAccess.get(j) == Access.FULL || outAccess.get(j) == Access.OUTER ? FreshArrays.of(dtype, sizes[j])
                    : Tensor.allocate(dtype, sizes[j]);
        }
        boolean byRows = outer > 1;
        int range = byRows ? outer : inner;
        long work = (long) outer * inner * Math.max(1, opsPerElement);
        int chunks = work < jgrad.ops.kernels.KernelConfig.PARALLEL_THRESHOLD ? 1 : Math.min(range, Parallel.threads());
        if (!summing || chunks == 1) {
            run(k, layout, in, off, out, Mode.ELEMENTWISE, opsPerElement);
            return out;
        }
        Object[][] partial = new Object[chunks][];
        for (int c = 0; c < chunks; c++) {
            partial[c] = out.clone();
            for (int j = 0; j < out.length && c > 0; j++) {
                if (outAccess.get(j) == Access.INNER || outAccess.get(j) == Access.SCALAR) {
                    partial[c][j] = Tensor.allocate(dtype, sizes[j]);
                }
            }
        }
        Parallel.forRange(chunks, work, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int s = (int) ((long) range * c / chunks);
                int e = (int) ((long) range * (c + 1) / chunks);
                if (byRows) {
                    k.run(in, off, partial[c], inner, s, e, 0, inner);
                } else {
                    k.run(in, off, partial[c], inner, 0, 1, s, e);
                }
            }
        });
        for (int j = 0; j < out.length; j++) {
            if (outAccess.get(j) == Access.INNER || outAccess.get(j) == Access.SCALAR) {
                for (int c = 1; c < chunks; c++) {
                    addInto(out[j], partial[c][j]);
                }
            }
        }
        return out;
    }

    private static void addInto(Object target, Object source) {
        if (target instanceof float[] t) {
            float[] src = (float[]) source;
            for (int i = 0; i < t.length; i++) {
                t[i] += src[i];
            }
        } else {
            double[] t = (double[]) target;
            double[] src = (double[]) source;
            for (int i = 0; i < t.length; i++) {
                t[i] += src[i];
            }
        }
    }

    /**
     * Runs the kernel over the layout, split across {@link Parallel}'s threads when large: by rows
     * when there are several, else by ranges of the inner index. A sum over everything adds the
     * chunks' partial sums in a fixed order (the result does not depend on scheduling).
     */
    private static double run(FusedKernel k, Layout layout, Object[] in, int[] off, Object[] out, Mode mode,
            int opsPerElement) {
        int outer = layout.outer();
        int inner = layout.inner();
        long work = (long) outer * inner * Math.max(1, opsPerElement);
        boolean byRows = outer > 1;
        int range = byRows ? outer : inner;
        if (mode != Mode.SUM_ALL) {
            Parallel.forRange(range, work, (s, e) -> {
                if (byRows) {
                    k.run(in, off, out, inner, s, e, 0, inner);
                } else {
                    k.run(in, off, out, inner, 0, 1, s, e);
                }
            });
            return 0;
        }
        int chunks = Math.min(range, Parallel.threads());
        double[] partial = new double[chunks];
        Parallel.forRange(chunks, work, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int s = (int) ((long) range * c / chunks);
                int e = (int) ((long) range * (c + 1) / chunks);
                partial[c] = byRows ? k.run(in, off, out, inner, s, e, 0, inner) : k.run(in, off, out, inner, 0, 1, s, e);
            }
        });
        double total = 0;
        for (double v : partial) {
            total += v;
        }
        return total;
    }
}
