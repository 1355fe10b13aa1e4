package jgrad.ops.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Elementwise.Binary;
import jgrad.ops.kernels.Elementwise.Comparison;
import jgrad.ops.kernels.Elementwise.Unary;

/**
 * A straight-line program of elementwise instructions (a declared op's formula, each distinct
 * subformula once), run as a vectorised interpreter: the output is cut into blocks of
 * {@link #BLOCK} elements and every instruction runs the built-in op's Vector API row loop over the
 * block, into a block-sized buffer that stays in L1 cache. So a formula of k ops costs k vector
 * loops over cache-resident data instead of k passes over memory, with no kernel of its own.
 * Inputs are read in place where contiguous or broadcast along the block (strides 1 and 0), and
 * gathered into a buffer otherwise; large outputs are split over the kernel pool.
 *
 * <p>Masks (comparisons) are numbers in the program: 1 where the comparison holds, 0 elsewhere;
 * {@code where} selects where its condition is nonzero.
 */
public final class ElementwiseProgram {
    /** Elements per block: 20 buffers of float64 fill 80 KB, about what L1 plus L2's near part hold. */
    static final int BLOCK = 512;

    private static final VectorSpecies<Float> FS = KernelConfig.FLOAT_SPECIES;
    private static final VectorSpecies<Double> DS = KernelConfig.DOUBLE_SPECIES;

    private enum Kind { INPUT, CONSTANT, UNARY, CLIP, BINARY, COMPARE, WHERE }

    // The ops by ordinal (values() would copy its array at every block of every instruction).
    private static final Unary[] UNARY = Unary.values();
    private static final Binary[] BINARY = Binary.values();
    private static final Comparison[] COMPARISON = Comparison.values();

    private record Instruction(Kind kind, int code, int a, int b, int c, double lo, double hi) {}

    private final Instruction[] program;
    private final int result;
    private final int inputs;
    /** The program's only instruction besides its inputs, if it is a unary or binary op; else null. */
    private final Instruction single;

    private ElementwiseProgram(Instruction[] program, int result, int inputs) {
        this.program = program;
        this.result = result;
        this.inputs = inputs;
        Instruction r = program[result];
        boolean oneOp = Arrays.stream(program).filter(i -> i.kind != Kind.INPUT).count() == 1;
        this.single = oneOp && (r.kind == Kind.UNARY || r.kind == Kind.CLIP || r.kind == Kind.BINARY) ? r : null;
    }

    /** Builds a program; each method appends one instruction and returns its slot. */
    public static final class Builder {
        private final List<Instruction> list = new ArrayList<>();

        private int add(Instruction i) {
            for (int s : new int[] {i.a, i.b, i.c}) {
                if (s >= list.size()) {
                    throw new IllegalArgumentException("ElementwiseProgram: slot " + s + " used before it is defined");
                }
            }
            int at = list.indexOf(i);
            if (at >= 0) {
                return at; // the same instruction on the same slots: computed once
            }
            list.add(i);
            return list.size() - 1;
        }

        /** Input {@code i} of the op. */
        public int input(int i) {
            return add(new Instruction(Kind.INPUT, i, -1, -1, -1, 0, 0));
        }

        public int constant(double v) {
            return add(new Instruction(Kind.CONSTANT, 0, -1, -1, -1, v, 0));
        }

        public int unary(Unary op, int a) {
            if (op == Unary.CLIP) {
                throw new IllegalArgumentException("ElementwiseProgram.unary: CLIP needs bounds, call clip");
            }
            return add(new Instruction(Kind.UNARY, op.ordinal(), a, -1, -1, 0, 0));
        }

        public int clip(int a, double lo, double hi) {
            return add(new Instruction(Kind.CLIP, Unary.CLIP.ordinal(), a, -1, -1, lo, hi));
        }

        public int binary(Binary op, int a, int b) {
            return add(new Instruction(Kind.BINARY, op.ordinal(), a, b, -1, 0, 0));
        }

        /** 1 where {@code a op b} holds, else 0. */
        public int compare(Comparison op, int a, int b) {
            return add(new Instruction(Kind.COMPARE, op.ordinal(), a, b, -1, 0, 0));
        }

        /** {@code condition != 0 ? a : b}. */
        public int where(int condition, int a, int b) {
            return add(new Instruction(Kind.WHERE, 0, condition, a, b, 0, 0));
        }

        /** The program computing slot {@code result} from {@code inputs} operands. */
        public ElementwiseProgram build(int result, int inputs) {
            if (result < 0 || result >= list.size()) {
                throw new IllegalArgumentException("ElementwiseProgram: no slot " + result);
            }
            for (Instruction i : list) {
                if (i.kind == Kind.INPUT && i.code >= inputs) {
                    throw new IllegalArgumentException("ElementwiseProgram: input " + i.code + " of " + inputs);
                }
            }
            return new ElementwiseProgram(list.toArray(new Instruction[0]), result, inputs);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The number of instructions (inputs and constants included). */
    public int size() {
        return program.length;
    }

    /**
     * Runs the program over inputs of one float dtype broadcast to {@code out}; the caller checked
     * dtypes and shapes. The result is a fresh row-major tensor.
     */
    public Tensor run(Tensor[] operands, Shape out) {
        if (operands.length != inputs) {
            throw new IllegalArgumentException("ElementwiseProgram: expected " + inputs + " operands, got "
                    + operands.length);
        }
        if (single != null) {
            Tensor r = runSingle(operands, out);
            if (r != null) {
                return r;
            }
        }
        int n = out.size();
        boolean isFloat = operands[0].storage() instanceof float[];
        Object dst = isFloat ? FreshArrays.floats(n) : FreshArrays.doubles(n);
        if (n == 0) {
            return Tensor.wrap(dst, out);
        }
        boolean dense = true;
        for (Tensor t : operands) {
            dense &= t.isContiguous() && t.size() == n;
        }
        BroadcastPlan plan = dense ? null : BroadcastPlan.of(out.dims(), operands);
        int blocks = (n + BLOCK - 1) / BLOCK;
        long work = (long) n * Math.max(1, program.length - inputs);
        Parallel.forRange(blocks, work, (b0, b1) -> {
            Runner r = new Runner(operands, dst, isFloat);
            int start = b0 * BLOCK;
            int end = Math.min(n, b1 * BLOCK);
            if (plan == null) {
                int[] starts = new int[operands.length];
                for (int t = 0; t < starts.length; t++) {
                    starts[t] = operands[t].offset() + start;
                }
                r.segment(starts, ones(operands.length), start, end - start);
            } else {
                int[] strides = new int[operands.length];
                for (int t = 0; t < strides.length; t++) {
                    strides[t] = plan.innerStride(t);
                }
                plan.forRange(start, end, (starts, po, len) -> r.segment(starts, strides, po, len));
            }
        });
        return Tensor.wrap(dst, out);
    }

    /**
     * A one-op program (a built-in op's gradient such as {@code g * y}) is that op's own kernel:
     * called directly, one loop over the whole output (the block loop measured a few percent slower
     * on a single op). Null where the op's operands do not span the output (an unused one is larger).
     */
    private Tensor runSingle(Tensor[] operands, Shape out) {
        Tensor x = operands[program[single.a].code];
        if (single.kind == Kind.BINARY) {
            Tensor y = operands[program[single.b].code];
            if (!x.shape().equals(out) && !y.shape().equals(out)) {
                return null;
            }
            return ElementwiseBinary.apply(BINARY[single.code], x, y, out);
        }
        if (!x.shape().equals(out)) {
            return null;
        }
        return ElementwiseUnary.apply(UNARY[single.code], x, single.lo, single.hi);
    }

    private static int[] ones(int k) {
        int[] s = new int[k];
        Arrays.fill(s, 1);
        return s;
    }

    /** One task's buffers and the per-slot operand references of the block being computed. */
    private final class Runner {
        private final Object[] src;
        private final Object dst;
        private final boolean isFloat;
        private final Object[] buffers;
        private final Object[] arr;
        private final int[] off;
        private final int[] str;

        Runner(Tensor[] operands, Object dst, boolean isFloat) {
            this.src = new Object[operands.length];
            for (int t = 0; t < operands.length; t++) {
                src[t] = operands[t].storage();
            }
            this.dst = dst;
            this.isFloat = isFloat;
            int k = program.length;
            this.buffers = new Object[k];
            this.arr = new Object[k];
            this.off = new int[k];
            this.str = new int[k];
            for (int s = 0; s < k; s++) {
                Instruction in = program[s];
                if (in.kind == Kind.CONSTANT) {
                    // A whole block of the value, read like any operand in L1 (stride 1: the
                    // rows' fastest paths, with no broadcast test in their loops).
                    if (isFloat) {
                        float[] c = new float[BLOCK];
                        Arrays.fill(c, (float) in.lo);
                        buffers[s] = c;
                    } else {
                        double[] c = new double[BLOCK];
                        Arrays.fill(c, in.lo);
                        buffers[s] = c;
                    }
                } else if (s != result || in.kind == Kind.INPUT) {
                    buffers[s] = isFloat ? new float[BLOCK] : new double[BLOCK];
                }
            }
        }

        /** Output elements [po, po + len), operand t starting at starts[t] with stride strides[t]. */
        void segment(int[] starts, int[] strides, int po, int len) {
            for (int done = 0; done < len; done += BLOCK) {
                int m = Math.min(BLOCK, len - done);
                for (int s = 0; s < program.length; s++) {
                    Instruction in = program[s];
                    boolean last = s == result;
                    switch (in.kind) {
                        case INPUT -> {
                            int t = in.code;
                            int st = strides[t];
                            int p = starts[t] + done * st;
                            if (unit(st)) {
                                ref(s, src[t], p, st);
                            } else {
                                gather(src[t], p, st, buffers[s], m);
                                ref(s, buffers[s], 0, 1);
                            }
                            if (last) {
                                copy(s, po + done, m);
                            }
                        }
                        case CONSTANT -> {
                            ref(s, buffers[s], 0, 1);
                            if (last) {
                                copy(s, po + done, m);
                            }
                        }
                        default -> {
                            Object o = last ? dst : buffers[s];
                            int oo = last ? po + done : 0;
                            compute(in, o, oo, m);
                            ref(s, o, oo, 1);
                        }
                    }
                }
            }
        }

        private void ref(int s, Object a, int o, int st) {
            arr[s] = a;
            off[s] = o;
            str[s] = st;
        }

        private void copy(int s, int po, int m) {
            if (str[s] == 1) {
                System.arraycopy(arr[s], off[s], dst, po, m);
            } else if (isFloat) {
                Arrays.fill((float[]) dst, po, po + m, ((float[]) arr[s])[off[s]]);
            } else {
                Arrays.fill((double[]) dst, po, po + m, ((double[]) arr[s])[off[s]]);
            }
        }

        private void compute(Instruction in, Object o, int po, int m) {
            int a = in.a;
            switch (in.kind) {
                case UNARY, CLIP -> ElementwiseUnary.run(UNARY[in.code], arr[a], off[a], str[a], o, po, m,
                        in.lo, in.hi);
                case BINARY -> {
                    Binary op = BINARY[in.code];
                    int b = in.b;
                    if (isFloat) {
                        ElementwiseBinary.rowF(op, (float[]) arr[a], off[a], str[a], (float[]) arr[b], off[b], str[b],
                                (float[]) o, po, m);
                    } else {
                        ElementwiseBinary.rowD(op, (double[]) arr[a], off[a], str[a], (double[]) arr[b], off[b],
                                str[b], (double[]) o, po, m);
                    }
                }
                case COMPARE -> {
                    Comparison op = COMPARISON[in.code];
                    int b = in.b;
                    if (isFloat) {
                        compareF(op, (float[]) arr[a], off[a], str[a], (float[]) arr[b], off[b], str[b], (float[]) o,
                                po, m);
                    } else {
                        compareD(op, (double[]) arr[a], off[a], str[a], (double[]) arr[b], off[b], str[b],
                                (double[]) o, po, m);
                    }
                }
                case WHERE -> {
                    int b = in.b;
                    int c = in.c;
                    if (isFloat) {
                        whereF((float[]) arr[a], off[a], str[a], (float[]) arr[b], off[b], str[b], (float[]) arr[c],
                                off[c], str[c], (float[]) o, po, m);
                    } else {
                        whereD((double[]) arr[a], off[a], str[a], (double[]) arr[b], off[b], str[b],
                                (double[]) arr[c], off[c], str[c], (double[]) o, po, m);
                    }
                }
                default -> throw new AssertionError(in.kind);
            }
        }
    }

    private static void gather(Object src, int p, int st, Object buf, int m) {
        if (src instanceof float[] f) {
            float[] b = (float[]) buf;
            for (int i = 0; i < m; i++) {
                b[i] = f[p + i * st];
            }
        } else {
            double[] d = (double[]) src;
            double[] b = (double[]) buf;
            for (int i = 0; i < m; i++) {
                b[i] = d[p + i * st];
            }
        }
    }

    /** Read in place (1) or broadcast (0): the strides the vector paths take. */
    private static boolean unit(int stride) {
        return stride == 0 || stride == 1;
    }

    static boolean holds(Comparison op, double x, double y) {
        return switch (op) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }

    // Comparison and selection rows. The vector paths take operands read in place or broadcast
    // (strides 1 and 0); each comparison operator appears as a constant in its own branch, which C2
    // needs to intrinsify it.

    // @float32 begin
    static void compareF(Comparison op, float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po,
            int n) {
        int i = 0;
        if (KernelConfig.VECTORIZED && sa == 1 && sb == 1) {
            FloatVector one = FloatVector.broadcast(FS, 1f);
            FloatVector zero = FloatVector.zero(FS);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                FloatVector x = FloatVector.fromArray(FS, a, pa + i);
                FloatVector y = FloatVector.fromArray(FS, b, pb + i);
                VectorMask<Float> m = switch (op) {
                    case EQ -> x.compare(VectorOperators.EQ, y);
                    case NE -> x.compare(VectorOperators.NE, y);
                    case LT -> x.compare(VectorOperators.LT, y);
                    case LE -> x.compare(VectorOperators.LE, y);
                    case GT -> x.compare(VectorOperators.GT, y);
                    case GE -> x.compare(VectorOperators.GE, y);
                };
                zero.blend(one, m).intoArray(o, po + i);
            }
        } else if (KernelConfig.VECTORIZED && unit(sa) && unit(sb)) {
            FloatVector one = FloatVector.broadcast(FS, 1f);
            FloatVector zero = FloatVector.zero(FS);
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                FloatVector x = sa == 1 ? FloatVector.fromArray(FS, a, pa + i) : FloatVector.broadcast(FS, a[pa]);
                FloatVector y = sb == 1 ? FloatVector.fromArray(FS, b, pb + i) : FloatVector.broadcast(FS, b[pb]);
                VectorMask<Float> m = switch (op) {
                    case EQ -> x.compare(VectorOperators.EQ, y);
                    case NE -> x.compare(VectorOperators.NE, y);
                    case LT -> x.compare(VectorOperators.LT, y);
                    case LE -> x.compare(VectorOperators.LE, y);
                    case GT -> x.compare(VectorOperators.GT, y);
                    case GE -> x.compare(VectorOperators.GE, y);
                };
                zero.blend(one, m).intoArray(o, po + i);
            }
        }
        for (; i < n; i++) {
            o[po + i] = holds(op, a[pa + i * sa], b[pb + i * sb]) ? 1f : 0f;
        }
    }

    static void whereF(float[] c, int pc, int sc, float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o,
            int po, int n) {
        int i = 0;
        if (KernelConfig.VECTORIZED && sc == 1 && sa == 1 && sb == 1) {
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                FloatVector cv = FloatVector.fromArray(FS, c, pc + i);
                FloatVector x = FloatVector.fromArray(FS, a, pa + i);
                FloatVector y = FloatVector.fromArray(FS, b, pb + i);
                y.blend(x, cv.compare(VectorOperators.NE, 0f)).intoArray(o, po + i);
            }
        } else if (KernelConfig.VECTORIZED && unit(sc) && unit(sa) && unit(sb)) {
            for (int ub = FS.loopBound(n); i < ub; i += FS.length()) {
                FloatVector cv = sc == 1 ? FloatVector.fromArray(FS, c, pc + i) : FloatVector.broadcast(FS, c[pc]);
                FloatVector x = sa == 1 ? FloatVector.fromArray(FS, a, pa + i) : FloatVector.broadcast(FS, a[pa]);
                FloatVector y = sb == 1 ? FloatVector.fromArray(FS, b, pb + i) : FloatVector.broadcast(FS, b[pb]);
                y.blend(x, cv.compare(VectorOperators.NE, 0f)).intoArray(o, po + i);
            }
        }
        for (; i < n; i++) {
            o[po + i] = c[pc + i * sc] != 0 ? a[pa + i * sa] : b[pb + i * sb];
        }
    }
    // @float32 end

    // @float64 begin (generated by ops/src/gen/twins/generate.py from the float32 code above: do not edit)
    static void compareD(Comparison op, double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po,
            int n) {
        int i = 0;
        if (KernelConfig.VECTORIZED && sa == 1 && sb == 1) {
            DoubleVector one = DoubleVector.broadcast(DS, 1.0);
            DoubleVector zero = DoubleVector.zero(DS);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                DoubleVector x = DoubleVector.fromArray(DS, a, pa + i);
                DoubleVector y = DoubleVector.fromArray(DS, b, pb + i);
                VectorMask<Double> m = switch (op) {
                    case EQ -> x.compare(VectorOperators.EQ, y);
                    case NE -> x.compare(VectorOperators.NE, y);
                    case LT -> x.compare(VectorOperators.LT, y);
                    case LE -> x.compare(VectorOperators.LE, y);
                    case GT -> x.compare(VectorOperators.GT, y);
                    case GE -> x.compare(VectorOperators.GE, y);
                };
                zero.blend(one, m).intoArray(o, po + i);
            }
        } else if (KernelConfig.VECTORIZED && unit(sa) && unit(sb)) {
            DoubleVector one = DoubleVector.broadcast(DS, 1.0);
            DoubleVector zero = DoubleVector.zero(DS);
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                DoubleVector x = sa == 1 ? DoubleVector.fromArray(DS, a, pa + i) : DoubleVector.broadcast(DS, a[pa]);
                DoubleVector y = sb == 1 ? DoubleVector.fromArray(DS, b, pb + i) : DoubleVector.broadcast(DS, b[pb]);
                VectorMask<Double> m = switch (op) {
                    case EQ -> x.compare(VectorOperators.EQ, y);
                    case NE -> x.compare(VectorOperators.NE, y);
                    case LT -> x.compare(VectorOperators.LT, y);
                    case LE -> x.compare(VectorOperators.LE, y);
                    case GT -> x.compare(VectorOperators.GT, y);
                    case GE -> x.compare(VectorOperators.GE, y);
                };
                zero.blend(one, m).intoArray(o, po + i);
            }
        }
        for (; i < n; i++) {
            o[po + i] = holds(op, a[pa + i * sa], b[pb + i * sb]) ? 1.0 : 0.0;
        }
    }

    static void whereD(double[] c, int pc, int sc, double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o,
            int po, int n) {
        int i = 0;
        if (KernelConfig.VECTORIZED && sc == 1 && sa == 1 && sb == 1) {
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                DoubleVector cv = DoubleVector.fromArray(DS, c, pc + i);
                DoubleVector x = DoubleVector.fromArray(DS, a, pa + i);
                DoubleVector y = DoubleVector.fromArray(DS, b, pb + i);
                y.blend(x, cv.compare(VectorOperators.NE, 0.0)).intoArray(o, po + i);
            }
        } else if (KernelConfig.VECTORIZED && unit(sc) && unit(sa) && unit(sb)) {
            for (int ub = DS.loopBound(n); i < ub; i += DS.length()) {
                DoubleVector cv = sc == 1 ? DoubleVector.fromArray(DS, c, pc + i) : DoubleVector.broadcast(DS, c[pc]);
                DoubleVector x = sa == 1 ? DoubleVector.fromArray(DS, a, pa + i) : DoubleVector.broadcast(DS, a[pa]);
                DoubleVector y = sb == 1 ? DoubleVector.fromArray(DS, b, pb + i) : DoubleVector.broadcast(DS, b[pb]);
                y.blend(x, cv.compare(VectorOperators.NE, 0.0)).intoArray(o, po + i);
            }
        }
        for (; i < n; i++) {
            o[po + i] = c[pc + i * sc] != 0 ? a[pa + i * sa] : b[pb + i * sb];
        }
    }
    // @float64 end
}
