package jgrad.codegen.fused;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Elementwise.Comparison;
import jgrad.ops.math.Abs;
import jgrad.ops.math.Add;
import jgrad.ops.math.Cast;
import jgrad.ops.math.Clip;
import jgrad.ops.math.Compare;
import jgrad.ops.math.Cos;
import jgrad.ops.math.Div;
import jgrad.ops.math.Erf;
import jgrad.ops.math.Exp;
import jgrad.ops.math.Log;
import jgrad.ops.math.Log1p;
import jgrad.ops.math.Maximum;
import jgrad.ops.math.Minimum;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Neg;
import jgrad.ops.math.Pow;
import jgrad.ops.math.Relu;
import jgrad.ops.math.Rsqrt;
import jgrad.ops.math.Sigmoid;
import jgrad.ops.math.Sign;
import jgrad.ops.math.Sin;
import jgrad.ops.math.Sqrt;
import jgrad.ops.math.Square;
import jgrad.ops.math.Sub;
import jgrad.ops.math.Tanh;
import jgrad.ops.math.Where;
import jgrad.ops.nn.Softplus;
import jgrad.ops.reduce.Sum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random chains of 1 to 12 elementwise ops over every op with a rule, with broadcast inputs (bias
 * rows, per-row columns, scalars), odd sizes, views and both dtypes: the fused kernel equals the
 * ops run one by one, forward and backward.
 */
class RandomChainTest {
    private static final int[] SIZES = {1, 15, 17, 63, 65, 1000};

    @BeforeAll
    static void synchronous() {
        Kernels.setSynchronous(true);
    }

    @AfterAll
    static void asynchronous() {
        Kernels.setSynchronous(false);
    }

    /** A random group and inputs for it. */
    record Case(FusedGroup group, List<Tensor> inputs, String description) {}

    /** Builds random chains; domain-restricted ops get arguments inside their domain (|x| + 0.5). */
    static final class Generator {
        final Rng rng;
        final DType dtype;
        final int rows;
        final int cols;
        final FusedGroup.Builder b = FusedGroup.builder();
        final List<Tensor> inputs = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();
        // Inputs are declared up front, so the chain is planned first and built after.
        final List<Runnable> plan = new ArrayList<>();

        Generator(Rng rng, DType dtype, int rows, int cols) {
            this.rng = rng;
            this.dtype = dtype;
            this.rows = rows;
            this.cols = cols;
        }

        /** A new input with a random broadcast pattern and sometimes a view; values in [lo, hi]. */
        Tensor randomInput(double lo, double hi, boolean fullOnly) {
            int pattern = fullOnly ? 0 : rng.nextInt(6);
            int[] shape = switch (pattern) {
                case 1 -> new int[] {cols};               // a bias row
                case 2 -> new int[] {rows, 1};            // one value per row
                case 3 -> new int[0];                     // a scalar
                default -> new int[] {rows, cols};
            };
            kinds.add(switch (pattern) {
                case 1 -> "row";
                case 2 -> "col";
                case 3 -> "scalar";
                default -> "full";
            });
            int view = shape.length == 2 && shape[1] == cols ? rng.nextInt(4) : 0;
            return switch (view) {
                // An offset view (contiguous), a transposed view (strided), an expanded row (stride 0).
                case 1 -> Tensor.randomUniform(rng, dtype, lo, hi, rows + 2, cols).slice(0, 1, rows + 1);
                case 2 -> Tensor.randomUniform(rng, dtype, lo, hi, cols, rows).transpose();
                case 3 -> Tensor.randomUniform(rng, dtype, lo, hi, cols).expand(rows, cols);
                default -> Tensor.randomUniform(rng, dtype, lo, hi, shape);
            };
        }

        Case generate(int length) {
            // Step 1: decide the ops and the inputs they need.
            List<Object[]> steps = new ArrayList<>();
            inputs.add(randomInput(-1, 1, true));
            int opCount = 0;
            while (opCount < length) {
                int choice = rng.nextInt(27);
                Object[] s = switch (choice) {
                    case 0 -> new Object[] {new Add(), input(-1, 1)};
                    case 1 -> new Object[] {new Sub(), input(-1, 1)};
                    case 2 -> new Object[] {new Mul(), input(-1, 1)};
                    case 3 -> new Object[] {new Div(), input(0.5, 1.5)};
                    case 4 -> new Object[] {new Pow(), input(-2, 2), input(0.5, 0.5)};
                    case 5 -> new Object[] {new Maximum(), input(-1, 1)};
                    case 6 -> new Object[] {new Minimum(), input(-1, 1)};
                    case 7 -> new Object[] {new Neg()};
                    case 8 -> new Object[] {new Exp()};
                    case 9 -> new Object[] {new Log(), input(0.5, 0.5)};
                    case 10 -> new Object[] {new Log1p(), input(0.5, 0.5)};
                    case 11 -> new Object[] {new Sqrt(), input(0.5, 0.5)};
                    case 12 -> new Object[] {new Rsqrt(), input(0.5, 0.5)};
                    case 13 -> new Object[] {new Square()};
                    case 14 -> new Object[] {new Abs()};
                    case 15 -> new Object[] {new Sign()};
                    case 16 -> new Object[] {new Sin()};
                    case 17 -> new Object[] {new Cos()};
                    case 18 -> new Object[] {new Tanh()};
                    case 19 -> new Object[] {new Sigmoid()};
                    case 20 -> new Object[] {new Relu()};
                    case 21 -> new Object[] {new Erf()};
                    case 22 -> new Object[] {new Clip(-0.5 + rng.nextDouble() * 0.4, rng.nextDouble())};
                    case 23 -> new Object[] {new Cast(dtype)};
                    case 24 -> new Object[] {new Softplus()};
                    default -> new Object[] {new Compare(Comparison.values()[rng.nextInt(6)]), input(-1, 1),
                            input(-1, 1)};
                };
                steps.add(s);
                opCount += s[0] instanceof Compare ? 2 : 1;
            }
            // Step 2: declare the inputs, then build the chain; bounded values keep float32 well-conditioned.
            int[] ids = new int[inputs.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = b.input();
            }
            int cur = ids[0];
            StringBuilder d = new StringBuilder();
            for (Object[] s : steps) {
                Op op = (Op) s[0];
                d.append(op.name()).append(' ');
                cur = switch (op) {
                    case Pow p -> b.node(p, positive(cur, ids[(Integer) s[2]]), b.node(new Tanh(), ids[(Integer) s[1]]));
                    case Log l -> b.node(l, positive(cur, ids[(Integer) s[1]]));
                    case Log1p l -> b.node(l, positive(cur, ids[(Integer) s[1]]));
                    case Sqrt q -> b.node(q, positive(cur, ids[(Integer) s[1]]));
                    case Rsqrt q -> b.node(q, positive(cur, ids[(Integer) s[1]]));
                    case Exp e -> b.node(e, b.node(new Tanh(), cur));
                    case Compare c -> {
                        int mask = b.node(c, cur, ids[(Integer) s[1]]);
                        yield b.node(new Where(), mask, cur, ids[(Integer) s[2]]);
                    }
                    default -> s.length == 1 ? b.node(op, cur) : b.node(op, cur, ids[(Integer) s[1]]);
                };
            }
            return new Case(b.build(), List.copyOf(inputs), d + "on " + kinds + " " + dtype + " [" + rows + ", " + cols
                    + "]");
        }

        /** |x| + c (c an input in [0.5, 0.5]): inside the domain of log, sqrt, rsqrt, pow's base. */
        private int positive(int x, int c) {
            return b.node(new Add(), b.node(new Abs(), x), c);
        }

        private int input(double lo, double hi) {
            inputs.add(randomInput(lo, hi, false));
            return inputs.size() - 1;
        }
    }

    static Case randomCase(Rng rng) {
        DType dtype = rng.nextInt(2) == 0 ? DType.FLOAT32 : DType.FLOAT64;
        int cols = SIZES[rng.nextInt(SIZES.length)];
        // Three rows at most, two with the widest rows: new kernels start in the interpreter, where
        // every Vector API call allocates, so big inputs would only slow the test down.
        int rows = 1 + rng.nextInt(cols >= 1000 ? 2 : 3);
        return new Generator(rng, dtype, rows, cols).generate(1 + rng.nextInt(12));
    }

    static double tolerance(DType dtype) {
        return dtype == DType.FLOAT32 ? 2e-4 : 1e-9;
    }

    /**
     * The cases' kernels are queued asynchronously first (the compiler thread compiles them in
     * batches, as it does for a traced function's groups), then every case runs its kernel.
     */
    private static List<Case> compiledCases(long seed, int count, boolean backward) {
        Rng rng = new Rng(seed);
        List<Case> cases = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            cases.add(randomCase(rng));
        }
        Kernels.setSynchronous(false);
        try {
            for (Case k : cases) {
                FusedOp op = new FusedOp(k.group());
                Tensor[] in = k.inputs().toArray(Tensor[]::new);
                if (backward) {
                    gradients(in, Tensor.onesLike(op.unfused(in)), op::apply);
                } else {
                    op.apply(in);
                }
            }
            Kernels.awaitCompilations();
            if (backward) {
                // The backward kernels are requested once the forward ones are ready.
                for (Case k : cases) {
                    FusedOp op = new FusedOp(k.group());
                    Tensor[] in = k.inputs().toArray(Tensor[]::new);
                    gradients(in, Tensor.onesLike(op.unfused(in)), op::apply);
                }
                Kernels.awaitCompilations();
            }
        } finally {
            Kernels.setSynchronous(true);
        }
        return cases;
    }

    @Test
    void fusedForwardEqualsUnfusedOnRandomChains() {
        long failures = Kernels.failures();
        List<Case> cases = compiledCases(20261122, 200, false);
        long compilations = Kernels.compilations();
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            FusedOp op = new FusedOp(k.group());
            Tensor[] in = k.inputs().toArray(Tensor[]::new);
            Tensor fused = op.apply(in);
            Tensor unfused = op.unfused(in);
            double tol = tolerance(in[0].dtype());
            assertThat(fused.dtype()).isEqualTo(unfused.dtype());
            assertThat(fused.allClose(unfused, tol, tol))
                    .as("case %d: %s\nfused   %s\nunfused %s", c, k.description(), fused, unfused)
                    .isTrue();
        }
        // Every case ran its kernel: none failed, and none had to be compiled now.
        assertThat(Kernels.failures()).isEqualTo(failures);
        assertThat(Kernels.compilations()).isEqualTo(compilations);
    }

    @Test
    void fusedBackwardEqualsUnfusedOnRandomChains() {
        long failures = Kernels.failures();
        List<Case> cases = compiledCases(7, 120, true);
        long compilations = Kernels.compilations();
        Rng rng = new Rng(8);
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            FusedOp op = new FusedOp(k.group());
            Tensor[] in = k.inputs().toArray(Tensor[]::new);
            Tensor w = Tensor.randomUniform(rng, in[0].dtype(), -1, 1, op.unfused(in).shape().dims());
            List<Tensor> fused = gradients(in, w, op::apply);
            List<Tensor> unfused = gradients(in, w, op::unfused);
            double tol = 10 * tolerance(in[0].dtype());
            for (int i = 0; i < in.length; i++) {
                assertThat(fused.get(i).allClose(unfused.get(i), tol, tol))
                        .as("case %d input %d: %s\nfused   %s\nunfused %s", c, i, k.description(), fused.get(i),
                                unfused.get(i))
                        .isTrue();
            }
        }
        assertThat(Kernels.failures()).isEqualTo(failures);
        assertThat(Kernels.compilations()).isEqualTo(compilations);
    }

    @Test
    void sumEpiloguesOverAllAndTrailingAxes() {
        Rng rng = new Rng(11);
        List<FusedOp> ops = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            DType dtype = c % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64;
            int cols = SIZES[rng.nextInt(SIZES.length)];
            Generator g = new Generator(rng, dtype, 1 + rng.nextInt(3), cols);
            Case k = g.generate(1 + rng.nextInt(6));
            // The chain with a sum at the end: over everything, the last axis, or both axes with keepDims.
            FusedGroup.Builder b = FusedGroup.builder();
            for (int i = 0; i < k.group().inputCount(); i++) {
                b.input();
            }
            int last = 0;
            for (FusedGroup.Node n : k.group().nodes()) {
                last = b.node(n.op(), n.args());
            }
            Sum sum = switch (c % 3) {
                case 0 -> new Sum(new int[0], false);
                case 1 -> new Sum(new int[] {-1}, c % 2 == 0);
                default -> new Sum(new int[] {0, 1}, true);
            };
            b.node(sum, last);
            ops.add(new FusedOp(b.build()));
            cases.add(new Case(k.group(), k.inputs(), k.description() + " then " + sum));
        }
        // Queue every forward and backward kernel first; the compiler thread batches them.
        Kernels.setSynchronous(false);
        try {
            for (int c = 0; c < ops.size(); c++) {
                Tensor[] in = cases.get(c).inputs().toArray(Tensor[]::new);
                ops.get(c).apply(in);
            }
            Kernels.awaitCompilations();
            for (int c = 0; c < ops.size(); c++) {
                Tensor[] in = cases.get(c).inputs().toArray(Tensor[]::new);
                gradients(in, Tensor.onesLike(ops.get(c).unfused(in)), ops.get(c)::apply);
            }
            Kernels.awaitCompilations();
        } finally {
            Kernels.setSynchronous(true);
        }
        long compilations = Kernels.compilations();
        for (int c = 0; c < ops.size(); c++) {
            FusedOp op = ops.get(c);
            Tensor[] in = cases.get(c).inputs().toArray(Tensor[]::new);
            DType dtype = in[0].dtype();
            Tensor fused = op.apply(in);
            Tensor unfused = op.unfused(in);
            double tol = dtype == DType.FLOAT32 ? 1e-3 : 1e-9;
            assertThat(fused.allClose(unfused, tol, tol)).as("case %d: %s\nfused   %s\nunfused %s", c,
                    cases.get(c).description(), fused, unfused).isTrue();
            Tensor w = Tensor.randomUniform(rng, dtype, -1, 1, unfused.shape().dims());
            List<Tensor> gf = gradients(in, w, op::apply);
            List<Tensor> gu = gradients(in, w, op::unfused);
            for (int i = 0; i < in.length; i++) {
                assertThat(gf.get(i).allClose(gu.get(i), 10 * tol, 10 * tol)).as("case %d grad %d: %s", c, i,
                        cases.get(c).description()).isTrue();
            }
        }
        assertThat(Kernels.compilations()).isEqualTo(compilations);
    }

    @Test
    void randomChainsPassGradCheckFirstAndSecondOrder() {
        Rng rng = new Rng(21);
        for (int c = 0; c < 16; c++) {
            Case k = new Generator(rng, DType.FLOAT64, 2, 3).generate(1 + rng.nextInt(8));
            FusedOp op = new FusedOp(k.group());
            java.util.function.Function<List<Tensor>, Tensor> f = t -> op.apply(t.toArray(Tensor[]::new));
            List<Tensor> in = k.inputs().stream().map(Tensor::contiguous).toList();
            jgrad.core.check.GradCheck.check(f, in).assertPassed();
            if (c % 4 == 0) {
                jgrad.core.check.GradCheck.gradGradCheck(f, in).assertPassed();
            }
        }
    }

    /** Gradients of sum(f(inputs) * w) with respect to every float input. */
    static List<Tensor> gradients(Tensor[] in, Tensor w, java.util.function.Function<Tensor[], Tensor> f) {
        Tensor[] copies = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            copies[i] = in[i].contiguous().add(0.0);   // a fresh tensor per input, so each is its own source
        }
        try (GradientTape tape = new GradientTape()) {
            tape.watch(copies);
            Tensor y = f.apply(copies);
            return tape.gradient(y.mul(w).sum(), List.of(copies), null, jgrad.core.UnconnectedGradients.ZERO);
        }
    }
}
