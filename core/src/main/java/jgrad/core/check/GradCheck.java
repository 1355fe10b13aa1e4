package jgrad.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * Compares the gradients a {@link GradientTape} computes with central differences, the method of
 * the lecture notes' chapter 1: {@code (f(x + eps) - f(x - eps)) / 2 eps} in float64. Public so
 * users can check their own ops.
 *
 * <pre>{@code
 * GradCheck.Result r = GradCheck.check(in -> in.get(0).tanh().mul(in.get(1)), List.of(x, y));
 * r.assertPassed();          // AssertionError with a table of the worst entries if not
 * GradCheck.gradGradCheck(f, List.of(x, y)).assertPassed();
 * }</pre>
 *
 * Inputs are converted to float64 first; integer and bool inputs are passed through unchanged.
 */
public final class GradCheck {
    public static final double DEFAULT_EPS = 1e-6;
    public static final double DEFAULT_ATOL = 1e-5;
    public static final double DEFAULT_RTOL = 1e-3;

    private final double eps;
    private final double atol;
    private final double rtol;

    private GradCheck(double eps, double atol, double rtol) {
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
    }

    /** A checker with the default tolerances (eps 1e-6, atol 1e-5, rtol 1e-3). */
    public static GradCheck withDefaults() {
        return new GradCheck(DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL);
    }

    public static GradCheck with(double eps, double atol, double rtol) {
        if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("GradCheck: eps must be > 0 and tolerances >= 0, got eps=" + eps
                    + " atol=" + atol + " rtol=" + rtol);
        }
        return new GradCheck(eps, atol, rtol);
    }

    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        return withDefaults().jacobianCheck(f, inputs);
    }

    public static Result gradGradCheck(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        return withDefaults().secondOrder(f, inputs);
    }

    /** One compared entry of the Jacobian: d output[out] / d input[in][element]. */
    public record Entry(int input, int element, int output, double numerical, double analytic) {
        public double absError() {
            return Math.abs(numerical - analytic);
        }
    }

    /** The outcome: every compared entry, and the ones beyond tolerance. */
    public record Result(String what, List<Entry> entries, List<Entry> failures, double atol, double rtol) {
        public boolean passed() {
            return failures.isEmpty();
        }

        public double maxAbsError() {
            return entries.stream().mapToDouble(Entry::absError).max().orElse(0);
        }

        /** Throws an AssertionError listing the worst mismatches, if any. */
        public Result assertPassed() {
            if (!passed()) {
                throw new AssertionError(report());
            }
            return this;
        }

        /** A table: input, element, output, numerical, autodiff, error. */
        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(what).append(": ").append(failures.size()).append(" of ").append(entries.size())
                    .append(" entries beyond atol ").append(atol).append(" + rtol ").append(rtol)
                    .append(" * |numerical|\n");
            sb.append(String.format(Locale.ROOT, "%6s %8s %7s %16s %16s %12s%n", "input", "element", "output",
                    "numerical", "autodiff", "abs error"));
            List<Entry> shown = failures.isEmpty() ? entries : failures;
            for (int i = 0; i < Math.min(shown.size(), 20); i++) {
                Entry e = shown.get(i);
                sb.append(String.format(Locale.ROOT, "%6d %8d %7d %16.8g %16.8g %12.3e%n", e.input(), e.element(),
                        e.output(), e.numerical(), e.analytic(), e.absError()));
            }
            if (shown.size() > 20) {
                sb.append("... ").append(shown.size() - 20).append(" more\n");
            }
            return sb.toString();
        }
    }

    /** Full Jacobian comparison: for small inputs (a backward pass per output element). */
    public Result jacobianCheck(Function<List<Tensor>, Tensor> f, List<Tensor> rawInputs) {
        Objects.requireNonNull(f, "f");
        List<Tensor> inputs = toFloat64(rawInputs);
        Tensor out0 = f.apply(inputs);
        if (!out0.dtype().isFloating()) {
            throw new IllegalArgumentException("GradCheck: the function returns " + out0.dtype()
                    + "; only floating outputs have gradients");
        }
        int outSize = out0.size();
        // Analytic: one backward pass per output element, seeded with a one-hot vector.
        List<Tensor> differentiable = new ArrayList<>();
        List<Integer> which = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).dtype().isFloating()) {
                differentiable.add(inputs.get(i));
                which.add(i);
            }
        }
        double[][][] analytic = new double[differentiable.size()][outSize][];
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(differentiable.toArray(new Tensor[0]));
            Tensor out = f.apply(inputs);
            tape.close();
            for (int o = 0; o < outSize; o++) {
                double[] seed = new double[outSize];
                seed[o] = 1;
                List<Tensor> g = tape.gradient(out, differentiable, Tensor.fromFlat(seed, out.shape().dims())
                        .cast(out.dtype()), jgrad.core.UnconnectedGradients.ZERO);
                for (int k = 0; k < g.size(); k++) {
                    analytic[k][o] = g.get(k).toDoubleArray();
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        List<Entry> failures = new ArrayList<>();
        for (int k = 0; k < differentiable.size(); k++) {
            int idx = which.get(k);
            Tensor x = inputs.get(idx);
            double[] base = x.toDoubleArray();
            for (int e = 0; e < base.length; e++) {
                double[] plus = evaluate(f, inputs, idx, base, e, eps);
                double[] minus = evaluate(f, inputs, idx, base, e, -eps);
                for (int o = 0; o < outSize; o++) {
                    double numerical = (plus[o] - minus[o]) / (2 * eps);
                    Entry entry = new Entry(idx, e, o, numerical, analytic[k][o][e]);
                    entries.add(entry);
                    if (!(entry.absError() <= atol + rtol * Math.abs(numerical))) {
                        failures.add(entry);
                    }
                }
            }
        }
        return new Result("gradcheck", entries, failures, atol, rtol);
    }

    /**
     * Checks the gradient of the gradient: with fixed random weights {@code u} on the output,
     * the function {@code inputs -> sum_i <d<f, u>/d input_i, v_i>} is gradchecked, its gradient
     * coming from a tape nested around the inner gradient computation.
     */
    public Result secondOrder(Function<List<Tensor>, Tensor> f, List<Tensor> rawInputs) {
        List<Tensor> inputs = toFloat64(rawInputs);
        Tensor out0 = f.apply(inputs);
        Rng rng = new Rng(7);
        Tensor u = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, out0.shape().dims());
        List<Tensor> vs = new ArrayList<>();
        for (Tensor in : inputs) {
            vs.add(in.dtype().isFloating() ? Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, in.shape().dims()) : null);
        }
        Function<List<Tensor>, Tensor> firstOrder = xs -> {
            List<Tensor> diff = new ArrayList<>();
            for (Tensor x : xs) {
                if (x.dtype().isFloating()) {
                    diff.add(x);
                }
            }
            try (GradientTape inner = new GradientTape(false, false)) {
                inner.watch(diff.toArray(new Tensor[0]));
                Tensor y = f.apply(xs).mul(u).sum();
                List<Tensor> g = inner.gradient(y, diff, null, jgrad.core.UnconnectedGradients.ZERO);
                Tensor total = Tensor.zeros(DType.FLOAT64);
                int k = 0;
                for (int i = 0; i < xs.size(); i++) {
                    if (xs.get(i).dtype().isFloating()) {
                        total = total.add(g.get(k++).mul(vs.get(i)).sum());
                    }
                }
                return total;
            }
        };
        Result r = jacobianCheck(firstOrder, inputs);
        return new Result("gradgradcheck", r.entries(), r.failures(), atol, rtol);
    }

    /**
     * For inputs too large for a full Jacobian: compares the directional derivative along a
     * random direction with the gradient's projection on it.
     */
    public Result directionalCheck(Function<List<Tensor>, Tensor> f, List<Tensor> rawInputs, long seed) {
        List<Tensor> inputs = toFloat64(rawInputs);
        Rng rng = new Rng(seed);
        Tensor out0 = f.apply(inputs);
        Tensor u = Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, out0.shape().dims());
        List<Tensor> dirs = new ArrayList<>();
        List<Tensor> diff = new ArrayList<>();
        for (Tensor in : inputs) {
            Tensor d = in.dtype().isFloating() ? Tensor.randomNormal(rng, DType.FLOAT64, 0, 1, in.shape().dims()) : null;
            dirs.add(d);
            if (d != null) {
                diff.add(in);
            }
        }
        double analytic = 0;
        try (GradientTape tape = new GradientTape(false, false)) {
            tape.watch(diff.toArray(new Tensor[0]));
            Tensor y = f.apply(inputs).mul(u).sum();
            List<Tensor> g = tape.gradient(y, diff, null, jgrad.core.UnconnectedGradients.ZERO);
            int k = 0;
            for (int i = 0; i < inputs.size(); i++) {
                if (dirs.get(i) != null) {
                    analytic += g.get(k++).mul(dirs.get(i)).sum().item();
                }
            }
        }
        double plus = shifted(f, inputs, dirs, u, eps);
        double minus = shifted(f, inputs, dirs, u, -eps);
        double numerical = (plus - minus) / (2 * eps);
        Entry e = new Entry(-1, -1, 0, numerical, analytic);
        boolean ok = e.absError() <= atol + rtol * Math.abs(numerical);
        return new Result("directional gradcheck", List.of(e), ok ? List.of() : List.of(e), atol, rtol);
    }

    private static double shifted(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, List<Tensor> dirs, Tensor u,
            double h) {
        List<Tensor> xs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor d = dirs.get(i);
            xs.add(d == null ? inputs.get(i) : inputs.get(i).add(d.mul(h)));
        }
        try (var s = GradientTape.noGrad()) {
            return f.apply(xs).mul(u).sum().item();
        }
    }

    private static double[] evaluate(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, int idx, double[] base,
            int element, double h) {
        double[] moved = base.clone();
        moved[element] += h;
        List<Tensor> xs = new ArrayList<>(inputs);
        xs.set(idx, Tensor.fromFlat(moved, inputs.get(idx).shape().dims()));
        try (var s = GradientTape.noGrad()) {
            return f.apply(xs).toDoubleArray();
        }
    }

    private static List<Tensor> toFloat64(List<Tensor> inputs) {
        List<Tensor> out = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            Objects.requireNonNull(t, "GradCheck: an input is null");
            if (t.dtype() == DType.FLOAT32) {
                try (var s = GradientTape.noGrad()) {
                    out.add(t.cast(DType.FLOAT64));
                }
            } else {
                out.add(t);
            }
        }
        return out;
    }
}
