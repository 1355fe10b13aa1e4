package jgrad.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.UnconnectedGradients;
import jgrad.core.Variable;

/**
 * Numerical versus automatic differentiation, parameter by parameter, as the lecture notes'
 * chapter 1 does it: each element of each parameter is moved by {@code +h} and {@code -h}, the loss
 * recomputed, and {@code (L(p + h) - L(p - h)) / 2h} set beside the gradient a GradientTape computes,
 * with the relative error {@code |numerical - autodiff| / max(|numerical|, |autodiff|)}.
 *
 * <pre>{@code
 * GradientTable t = GradientTable.compare(() -> loss(x, y), List.of(w1, b1, w2, b2));
 * System.out.println(t);               // one table per parameter
 * t.maxRelativeError();                // about 1e-10 in float64
 * }</pre>
 *
 * The parameters are changed in place while the table is built and restored afterwards, even if
 * the loss throws. In float32 the central difference itself is only good to about 1e-3 relative;
 * use float64 parameters for a tight comparison.
 */
public final class GradientTable {
    /** The notes' step: {@code h = 1e-4}. */
    public static final double DEFAULT_H = 1e-4;
    /** Rows shown per parameter by {@link #toString()}; {@link #rows()} has them all. */
    private static final int SHOWN_ROWS = 12;

    /**
     * One element of one parameter.
     *
     * @param parameter the Variable's name
     * @param index the element's position ({@code [row, col]} for a matrix)
     * @param numerical the central difference
     * @param autodiff the tape's gradient
     */
    public record Row(String parameter, int[] index, double numerical, double autodiff) {
        public Row {
            Objects.requireNonNull(parameter, "parameter");
            index = index.clone();
        }

        @Override
        public int[] index() {
            return index.clone();
        }

        public double absoluteError() {
            return Math.abs(numerical - autodiff);
        }

        /** {@code |numerical - autodiff| / max(|numerical|, |autodiff|)}; 0 when both are 0. */
        public double relativeError() {
            double scale = Math.max(Math.abs(numerical), Math.abs(autodiff));
            return scale == 0 ? 0 : absoluteError() / scale;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && parameter.equals(r.parameter) && Arrays.equals(index, r.index)
                    && Double.compare(numerical, r.numerical) == 0 && Double.compare(autodiff, r.autodiff) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(parameter, Arrays.hashCode(index), numerical, autodiff);
        }

        @Override
        public String toString() {
            return parameter + Arrays.toString(index) + ": numerical " + numerical + ", autodiff " + autodiff;
        }
    }

    private final List<Variable> parameters;
    private final List<Row> rows;
    private final double h;
    private final double loss;

    private GradientTable(List<Variable> parameters, List<Row> rows, double h, double loss) {
        this.parameters = List.copyOf(parameters);
        this.rows = List.copyOf(rows);
        this.h = h;
        this.loss = loss;
    }

    /** Compares with the notes' step {@code h = 1e-4}. */
    public static GradientTable compare(Supplier<Tensor> loss, List<Variable> parameters) {
        return compare(loss, parameters, DEFAULT_H);
    }

    /**
     * Compares the tape's gradient of {@code loss} (summed if not a scalar) with central differences
     * of step {@code h}, for every element of every parameter.
     */
    @SuppressWarnings("try") // the scope pauses recording; its variable is not otherwise used
    public static GradientTable compare(Supplier<Tensor> loss, List<Variable> parameters, double h) {
        Objects.requireNonNull(loss, "compare: loss is null");
        Objects.requireNonNull(parameters, "compare: parameters is null");
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("compare: h must be a positive finite step, got " + h);
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("compare: no parameters given");
        }
        for (int i = 0; i < parameters.size(); i++) {
            Variable v = parameters.get(i);
            Objects.requireNonNull(v, "compare: parameter " + i + " is null");
            if (!v.dtype().isFloating()) {
                throw new IllegalArgumentException("compare: parameter '" + v.name() + "' is " + v.dtype()
                        + "; only float32 or float64 parameters have gradients");
            }
        }
        List<Tensor> autodiff;
        double base;
        try (GradientTape tape = GradientTape.persistent()) {
            tape.watch(parameters.toArray(new Tensor[0]));
            Tensor l = loss.get();
            requireLoss(l);
            base = total(l);
            autodiff = tape.gradient(l, parameters, null, UnconnectedGradients.ZERO);
        }
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            Variable v = parameters.get(p);
            Tensor original = v.value();
            double[] values = original.toDoubleArray();
            double[] grad = autodiff.get(p).toDoubleArray();
            int[] shape = v.shape().dims();
            try (Scope quiet = GradientTape.noGrad()) {
                for (int e = 0; e < values.length; e++) {
                    double keep = values[e];
                    values[e] = keep + h;
                    v.assign(tensor(values, shape, v.dtype()));
                    double plus = total(requireLoss(loss.get()));
                    values[e] = keep - h;
                    v.assign(tensor(values, shape, v.dtype()));
                    double minus = total(requireLoss(loss.get()));
                    values[e] = keep;
                    rows.add(new Row(v.name(), unravel(e, shape), (plus - minus) / (2 * h), grad[e]));
                }
            } finally {
                v.assign(original);
            }
        }
        return new GradientTable(parameters, rows, h, base);
    }

    private static Tensor requireLoss(Tensor l) {
        if (l == null) {
            throw new IllegalArgumentException("compare: the loss function returned null");
        }
        if (!l.dtype().isFloating()) {
            throw new IllegalArgumentException("compare: the loss must be float32 or float64, got " + l.dtype() + " "
                    + l.shape());
        }
        return l;
    }

    private static double total(Tensor l) {
        double s = 0;
        for (double d : l.toDoubleArray()) {
            s += d;
        }
        return s;
    }

    private static Tensor tensor(double[] values, int[] shape, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return Tensor.fromFlat(values.clone(), shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Tensor.fromFlat(f, shape);
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            index[a] = shape[a] == 0 ? 0 : flat % shape[a];
            flat = shape[a] == 0 ? 0 : flat / shape[a];
        }
        return index;
    }

    /** Every compared element, parameter by parameter in row-major order. */
    public List<Row> rows() {
        return rows;
    }

    /** The rows of one parameter. */
    public List<Row> rows(String parameter) {
        List<Row> r = rows.stream().filter(x -> x.parameter().equals(parameter)).toList();
        if (r.isEmpty() && parameters.stream().noneMatch(p -> p.name().equals(parameter))) {
            throw new IllegalArgumentException("rows: no parameter named '" + parameter + "'; parameters are "
                    + parameters.stream().map(Variable::name).toList());
        }
        return r;
    }

    /** The largest relative error over every element of every parameter. */
    public double maxRelativeError() {
        return rows.stream().mapToDouble(Row::relativeError).max().orElse(0);
    }

    public double maxRelativeError(String parameter) {
        return rows(parameter).stream().mapToDouble(Row::relativeError).max().orElse(0);
    }

    /** The step used. */
    public double h() {
        return h;
    }

    /** The loss at the parameters' values (summed, if it is not a scalar). */
    public double loss() {
        return loss;
    }

    /** One table per parameter: index, numerical, autodiff, relative error, then its largest error. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "Numerical vs autodiff gradients: central differences with h = %s at loss %s%n", Values.number(h),
                Values.number(loss)));
        for (Variable v : parameters) {
            List<Row> r = rows(v.name());
            sb.append(String.format(Locale.ROOT, "%n%s %s, %d elements, largest relative error %.2e%n", v.name(),
                    Values.shapeAndType(v), r.size(), maxRelativeError(v.name())));
            sb.append(String.format(Locale.ROOT, "  %-10s %18s %18s %12s%n", "index", "numerical", "autodiff",
                    "rel. error"));
            for (int i = 0; i < Math.min(SHOWN_ROWS, r.size()); i++) {
                Row row = r.get(i);
                sb.append(String.format(Locale.ROOT, "  %-10s %18.10g %18.10g %12.2e%n", Arrays.toString(row.index()),
                        row.numerical(), row.autodiff(), row.relativeError()));
            }
            if (r.size() > SHOWN_ROWS) {
                sb.append("  ... ").append(r.size() - SHOWN_ROWS).append(" more (rows() has them all)\n");
            }
        }
        return sb.toString();
    }
}
