package jgrad.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An n-dimensional array: dtype, shape, strides and storage. A Tensor never changes once made
 * (a {@link Variable} is the one mutable kind); reshapes, transposes, slices and broadcasts are
 * views that share storage. Ops run on a {@link GradientTape} record themselves when one is
 * watching their inputs.
 *
 * <p>Storage is a heap array: {@code float[]} for float32, {@code double[]} for float64,
 * {@code long[]} for int64 and {@code boolean[]} for bool.
 */
public sealed class Tensor permits Variable {
    private final DType dtype;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    /** Replaced (never written into) by {@link Variable#assign}: every Tensor that shares it stays unchanged. */
    Object data;

    Tensor(DType dtype, int[] shape, int[] strides, int offset, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.data = data;
    }

    // ---------------------------------------------------------------- creation

    /** A float32 scalar. */
    public static Tensor of(float value) {
        return wrap(new float[] {value}, Shape.scalar());
    }

    /** A float64 scalar (Java's {@code double} literal means float64 here). */
    public static Tensor of(double value) {
        return wrap(new double[] {value}, Shape.scalar());
    }

    /** An int64 scalar. */
    public static Tensor of(long value) {
        return wrap(new long[] {value}, Shape.scalar());
    }

    public static Tensor of(boolean value) {
        return wrap(new boolean[] {value}, Shape.scalar());
    }

    public static Tensor of(float[] values) {
        return wrap(values.clone(), Shape.of(values.length));
    }

    public static Tensor of(double[] values) {
        return wrap(values.clone(), Shape.of(values.length));
    }

    public static Tensor of(long[] values) {
        return wrap(values.clone(), Shape.of(values.length));
    }

    public static Tensor of(int[] values) {
        long[] v = new long[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return wrap(v, Shape.of(values.length));
    }

    public static Tensor of(boolean[] values) {
        return wrap(values.clone(), Shape.of(values.length));
    }

    public static Tensor of(float[][] rows) {
        return wrap(ArrayFlattener.flatten(rows), ArrayFlattener.shapeOf(rows));
    }

    public static Tensor of(float[][][] values) {
        return wrap(ArrayFlattener.flatten(values), ArrayFlattener.shapeOf(values));
    }

    public static Tensor of(float[][][][] values) {
        return wrap(ArrayFlattener.flatten(values), ArrayFlattener.shapeOf(values));
    }

    public static Tensor of(double[][] rows) {
        return wrap(ArrayFlattener.flatten(rows), ArrayFlattener.shapeOf(rows));
    }

    public static Tensor of(double[][][] values) {
        return wrap(ArrayFlattener.flatten(values), ArrayFlattener.shapeOf(values));
    }

    public static Tensor of(double[][][][] values) {
        return wrap(ArrayFlattener.flatten(values), ArrayFlattener.shapeOf(values));
    }

    public static Tensor of(long[][] rows) {
        return wrap(ArrayFlattener.flatten(rows), ArrayFlattener.shapeOf(rows));
    }

    /** A float32 tensor of the given shape from row-major values (copied). */
    public static Tensor fromFlat(float[] values, int... shape) {
        return wrap(values.clone(), checkedShape("fromFlat", values.length, shape));
    }

    public static Tensor fromFlat(double[] values, int... shape) {
        return wrap(values.clone(), checkedShape("fromFlat", values.length, shape));
    }

    public static Tensor fromFlat(long[] values, int... shape) {
        return wrap(values.clone(), checkedShape("fromFlat", values.length, shape));
    }

    public static Tensor fromFlat(boolean[] values, int... shape) {
        return wrap(values.clone(), checkedShape("fromFlat", values.length, shape));
    }

    private static Shape checkedShape(String op, int length, int[] dims) {
        Shape s = Shape.of(dims);
        if (s.size() != length) {
            throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + s + " ("
                    + s.size() + " elements)");
        }
        return s;
    }

    /**
     * Wraps a row-major array without copying; the tensor takes ownership and the caller must not
     * write to the array afterwards. For kernel authors.
     */
    public static Tensor wrap(Object data, Shape shape) {
        Objects.requireNonNull(data, "data");
        DType dtype = switch (data) {
            case float[] f -> checkLength(f.length, shape, DType.FLOAT32);
            case double[] d -> checkLength(d.length, shape, DType.FLOAT64);
            case long[] l -> checkLength(l.length, shape, DType.INT64);
            case boolean[] b -> checkLength(b.length, shape, DType.BOOL);
            default -> throw new IllegalArgumentException(
                    "wrap: data must be float[], double[], long[] or boolean[], got " + data.getClass().getSimpleName());
        };
        int[] dims = shape.dims();
        return new Tensor(dtype, dims, shape.contiguousStrides(), 0, data);
    }

    private static DType checkLength(int length, Shape shape, DType dtype) {
        if (length != shape.size()) {
            throw new IllegalArgumentException("wrap: array of length " + length + " does not match shape " + shape
                    + " (" + shape.size() + " elements)");
        }
        return dtype;
    }

    /**
     * A view on {@code base}'s storage with another shape, strides and offset (in elements). The
     * caller guarantees every index stays inside the storage. For kernel and op authors.
     */
    public static Tensor view(Tensor base, Shape shape, int[] strides, int offset) {
        if (strides.length != shape.rank()) {
            throw new IllegalArgumentException("view: " + strides.length + " strides for shape " + shape);
        }
        return new Tensor(base.dtype, shape.dims(), strides.clone(), offset, base.storage());
    }

    /** A fresh row-major array of {@code dtype} and {@code size} elements, zero-filled. */
    public static Object allocate(DType dtype, int size) {
        return switch (dtype) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT64 -> new long[size];
            case BOOL -> new boolean[size];
        };
    }

    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        return wrap(allocate(dtype, s.size()), s);
    }

    public static Tensor ones(int... shape) {
        return full(DType.FLOAT32, 1, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    public static Tensor full(DType dtype, double value, int... shape) {
        Shape s = Shape.of(shape);
        Object data = allocate(dtype, s.size());
        switch (data) {
            case float[] f -> Arrays.fill(f, (float) value);
            case double[] d -> Arrays.fill(d, value);
            case long[] l -> Arrays.fill(l, checkedLong("full", value));
            case boolean[] b -> Arrays.fill(b, value != 0);
            default -> throw new AssertionError();
        }
        return wrap(data, s);
    }

    /** A scalar of the given dtype. */
    public static Tensor scalar(double value, DType dtype) {
        return full(dtype, value, new int[0]);
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.dtype, t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return full(t.dtype, 1, t.shape);
    }

    /** {@code start, start+step, ...} below {@code stop}, float32 (NumPy arange). */
    public static Tensor arange(double start, double stop, double step) {
        return arange(DType.FLOAT32, start, stop, step);
    }

    /** {@code 0, 1, ..., n-1} as int64. */
    public static Tensor arange(int n) {
        return arange(DType.INT64, 0, n, 1);
    }

    public static Tensor arange(DType dtype, double start, double stop, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + i * step;
        }
        return fromDoubles(dtype, v, Shape.of(n));
    }

    /** {@code num} evenly spaced values from start to stop inclusive, float32 (NumPy linspace). */
    public static Tensor linspace(double start, double stop, int num) {
        return linspace(DType.FLOAT32, start, stop, num);
    }

    public static Tensor linspace(DType dtype, double start, double stop, int num) {
        if (num < 0) {
            throw new IllegalArgumentException("linspace: num must be >= 0, got " + num);
        }
        double[] v = new double[num];
        double step = num > 1 ? (stop - start) / (num - 1) : 0;
        for (int i = 0; i < num; i++) {
            v[i] = i == num - 1 && num > 1 ? stop : start + i * step;
        }
        return fromDoubles(dtype, v, Shape.of(num));
    }

    /** The n-by-n identity matrix, float32. */
    public static Tensor eye(int n) {
        return eye(DType.FLOAT32, n);
    }

    public static Tensor eye(DType dtype, int n) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        return fromDoubles(dtype, v, Shape.of(n, n));
    }

    /** Normal samples with the given mean and standard deviation, float32. */
    public static Tensor randomNormal(Rng rng, double mean, double std, int... shape) {
        return randomNormal(rng, DType.FLOAT32, mean, std, shape);
    }

    public static Tensor randomNormal(Rng rng, DType dtype, double mean, double std, int... shape) {
        Shape s = Shape.of(shape);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + std * rng.nextGaussian();
        }
        return fromDoubles(dtype, v, s);
    }

    /** Uniform samples in [low, high), float32. */
    public static Tensor randomUniform(Rng rng, double low, double high, int... shape) {
        return randomUniform(rng, DType.FLOAT32, low, high, shape);
    }

    public static Tensor randomUniform(Rng rng, DType dtype, double low, double high, int... shape) {
        Shape s = Shape.of(shape);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = low + (high - low) * rng.nextDouble();
        }
        return fromDoubles(dtype, v, s);
    }

    /** 1 with probability p, else 0, float32. */
    public static Tensor bernoulli(Rng rng, double p, int... shape) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
        }
        Shape s = Shape.of(shape);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() < p ? 1f : 0f;
        }
        return wrap(v, s);
    }

    private static Tensor fromDoubles(DType dtype, double[] v, Shape s) {
        Object data = allocate(dtype, v.length);
        for (int i = 0; i < v.length; i++) {
            switch (data) {
                case float[] f -> f[i] = (float) v[i];
                case double[] d -> d[i] = v[i];
                case long[] l -> l[i] = (long) v[i];
                case boolean[] b -> b[i] = v[i] != 0;
                default -> throw new AssertionError();
            }
        }
        return wrap(data, s);
    }

    private static long checkedLong(String op, double value) {
        if (value != Math.rint(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(op + ": value " + value + " is not an integer, dtype int64");
        }
        return (long) value;
    }

    // ---------------------------------------------------------------- properties

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return Shape.of(shape);
    }

    /** The extent of one axis; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shape.normalizeAxis(axis, shape.length, "dim")];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public boolean isScalar() {
        return shape.length == 0;
    }

    /** Element strides of each axis (a copy). For kernel authors. */
    public int[] strides() {
        return strides.clone();
    }

    /** Offset of the first element in {@link #storage()}. For kernel authors. */
    public int offset() {
        return offset;
    }

    /**
     * The backing array ({@code float[]}, {@code double[]}, {@code long[]} or {@code boolean[]}),
     * not a copy: read it, never write it. For kernel authors; see {@link #isContiguous()}.
     */
    public Object storage() {
        return data;
    }

    /** True if elements lie row-major and densely from {@link #offset()} (size-1 axes ignored). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** True if this tensor exactly fills its storage row-major from index 0. */
    public boolean isDense() {
        return offset == 0 && isContiguous() && java.lang.reflect.Array.getLength(data) == size();
    }

    // ---------------------------------------------------------------- element access

    /** Storage index of a multi-index, with bounds checks that name the axis. */
    public int storageIndex(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates; tensor of shape " + Arrays.toString(shape) + " needs " + shape.length);
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + ": coordinate " + index[i]
                        + " on axis " + i + " is out of range for shape " + Arrays.toString(shape));
            }
            p += index[i] * strides[i];
        }
        return p;
    }

    /** The element at a multi-index as a double, whatever the dtype. */
    public double getDouble(int... index) {
        return readDouble(storage(), storageIndex(index));
    }

    public float getFloat(int... index) {
        return (float) getDouble(index);
    }

    public long getLong(int... index) {
        int p = storageIndex(index);
        return switch (storage()) {
            case long[] l -> l[p];
            default -> (long) readDouble(storage(), p);
        };
    }

    public boolean getBoolean(int... index) {
        return getDouble(index) != 0;
    }

    static double readDouble(Object data, int p) {
        return switch (data) {
            case float[] f -> f[p];
            case double[] d -> d[p];
            case long[] l -> l[p];
            case boolean[] b -> b[p] ? 1 : 0;
            default -> throw new AssertionError();
        };
    }

    /** The value of a one-element tensor as a double (like PyTorch's item()). */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item: tensor of shape " + Arrays.toString(shape) + " has " + size()
                    + " elements, expected exactly 1");
        }
        return readDouble(storage(), offset);
    }

    public float floatValue() {
        return (float) item();
    }

    public double doubleValue() {
        return item();
    }

    public long longValue() {
        return (long) item();
    }

    /** All elements, row-major, as a fresh float array (converting from any dtype). */
    public float[] toFloatArray() {
        Tensor c = denseCopyIfNeeded();
        if (c.data instanceof float[] f) {
            return c == this ? f.clone() : f;
        }
        float[] out = new float[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) readDouble(c.data, i);
        }
        return out;
    }

    public double[] toDoubleArray() {
        Tensor c = denseCopyIfNeeded();
        if (c.data instanceof double[] d) {
            return c == this ? d.clone() : d;
        }
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = readDouble(c.data, i);
        }
        return out;
    }

    public long[] toLongArray() {
        Tensor c = denseCopyIfNeeded();
        if (c.data instanceof long[] l) {
            return c == this ? l.clone() : l;
        }
        long[] out = new long[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) readDouble(c.data, i);
        }
        return out;
    }

    public boolean[] toBooleanArray() {
        Tensor c = denseCopyIfNeeded();
        boolean[] out = new boolean[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = readDouble(c.data, i) != 0;
        }
        return out;
    }

    /** A rank-2 tensor as rows of floats. */
    public float[][] toFloatArray2D() {
        if (shape.length != 2) {
            throw new IllegalStateException("toFloatArray2D: tensor has shape " + Arrays.toString(shape)
                    + ", expected rank 2");
        }
        float[] flat = toFloatArray();
        float[][] out = new float[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            System.arraycopy(flat, i * shape[1], out[i], 0, shape[1]);
        }
        return out;
    }

    public double[][] toDoubleArray2D() {
        if (shape.length != 2) {
            throw new IllegalStateException("toDoubleArray2D: tensor has shape " + Arrays.toString(shape)
                    + ", expected rank 2");
        }
        double[] flat = toDoubleArray();
        double[][] out = new double[shape[0]][shape[1]];
        for (int i = 0; i < shape[0]; i++) {
            System.arraycopy(flat, i * shape[1], out[i], 0, shape[1]);
        }
        return out;
    }

    /** This tensor if dense, else a dense row-major copy (never recorded on a tape). */
    private Tensor denseCopyIfNeeded() {
        if (isDense()) {
            return this;
        }
        int n = size();
        Object src = storage();
        Object out = allocate(dtype, n);
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int p = offset;
            for (int a = 0; a < shape.length; a++) {
                p += idx[a] * strides[a];
            }
            switch (out) {
                case float[] f -> f[i] = ((float[]) src)[p];
                case double[] d -> d[i] = ((double[]) src)[p];
                case long[] l -> l[i] = ((long[]) src)[p];
                case boolean[] b -> b[i] = ((boolean[]) src)[p];
                default -> throw new AssertionError();
            }
            for (int a = shape.length - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return new Tensor(dtype, shape.clone(), Shape.of(shape).contiguousStrides(), 0, out);
    }

    /** True if shapes and dtypes match and every element is within {@code atol + rtol * |other|}. */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!shape().equals(other.shape())) {
            return false;
        }
        double[] a = toDoubleArray();
        double[] b = other.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) != Double.isNaN(b[i])) {
                return false;
            }
            if (!Double.isNaN(a[i]) && Math.abs(a[i] - b[i]) > atol + rtol * Math.abs(b[i])
                    && a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** True if dtype, shape and every element are equal. */
    public boolean contentEquals(Tensor other) {
        return dtype == other.dtype && allClose(other, 0, 0);
    }

    // ---------------------------------------------------------------- autodiff helpers

    /** The same values, cut off from every tape: no gradient flows through the result. */
    public Tensor stopGradient() {
        return new Tensor(dtype, shape.clone(), strides.clone(), offset, storage());
    }

    // ---------------------------------------------------------------- elementwise math

    public Tensor add(Tensor y) {
        return Providers.math().add(this, y);
    }

    public Tensor add(double y) {
        return add(scalarLike(y));
    }

    public Tensor sub(Tensor y) {
        return Providers.math().sub(this, y);
    }

    public Tensor sub(double y) {
        return sub(scalarLike(y));
    }

    public Tensor mul(Tensor y) {
        return Providers.math().mul(this, y);
    }

    public Tensor mul(double y) {
        return mul(scalarLike(y));
    }

    public Tensor div(Tensor y) {
        return Providers.math().div(this, y);
    }

    public Tensor div(double y) {
        return div(scalarLike(y));
    }

    public Tensor pow(Tensor y) {
        return Providers.math().pow(this, y);
    }

    public Tensor pow(double y) {
        return pow(scalarLike(y));
    }

    public Tensor maximum(Tensor y) {
        return Providers.math().maximum(this, y);
    }

    public Tensor maximum(double y) {
        return maximum(scalarLike(y));
    }

    public Tensor minimum(Tensor y) {
        return Providers.math().minimum(this, y);
    }

    public Tensor minimum(double y) {
        return minimum(scalarLike(y));
    }

    public Tensor equal(Tensor y) {
        return Providers.math().equal(this, y);
    }

    public Tensor notEqual(Tensor y) {
        return Providers.math().notEqual(this, y);
    }

    public Tensor less(Tensor y) {
        return Providers.math().less(this, y);
    }

    public Tensor less(double y) {
        return less(scalarLike(y));
    }

    public Tensor lessEqual(Tensor y) {
        return Providers.math().lessEqual(this, y);
    }

    public Tensor greater(Tensor y) {
        return Providers.math().greater(this, y);
    }

    public Tensor greater(double y) {
        return greater(scalarLike(y));
    }

    public Tensor greaterEqual(Tensor y) {
        return Providers.math().greaterEqual(this, y);
    }

    /** {@code condition ? x : y} elementwise, with broadcasting; condition must be bool. */
    public static Tensor where(Tensor condition, Tensor x, Tensor y) {
        return Providers.math().where(condition, x, y);
    }

    public Tensor neg() {
        return Providers.math().neg(this);
    }

    public Tensor exp() {
        return Providers.math().exp(this);
    }

    public Tensor log() {
        return Providers.math().log(this);
    }

    public Tensor log1p() {
        return Providers.math().log1p(this);
    }

    public Tensor sqrt() {
        return Providers.math().sqrt(this);
    }

    public Tensor rsqrt() {
        return Providers.math().rsqrt(this);
    }

    public Tensor square() {
        return Providers.math().square(this);
    }

    public Tensor abs() {
        return Providers.math().abs(this);
    }

    public Tensor sign() {
        return Providers.math().sign(this);
    }

    public Tensor sin() {
        return Providers.math().sin(this);
    }

    public Tensor cos() {
        return Providers.math().cos(this);
    }

    public Tensor tanh() {
        return Providers.math().tanh(this);
    }

    public Tensor sigmoid() {
        return Providers.math().sigmoid(this);
    }

    public Tensor relu() {
        return Providers.math().relu(this);
    }

    public Tensor erf() {
        return Providers.math().erf(this);
    }

    /** Round half to even; not differentiable. */
    public Tensor round() {
        return Providers.math().round(this);
    }

    public Tensor clip(double min, double max) {
        return Providers.math().clip(this, min, max);
    }

    public Tensor cast(DType to) {
        return Providers.math().cast(this, to);
    }

    // ---------------------------------------------------------------- matrix products

    /** Matrix product (batched over leading axes, NumPy matmul rules). */
    public Tensor matmul(Tensor other) {
        return Providers.reduce().matmul(this, other, false, false);
    }

    /** Matrix product with either operand transposed in its last two axes, read in place. */
    public Tensor matmul(Tensor other, boolean transposeThis, boolean transposeOther) {
        return Providers.reduce().matmul(this, other, transposeThis, transposeOther);
    }

    // ---------------------------------------------------------------- shape

    public Tensor reshape(int... newShape) {
        return Providers.shape().reshape(this, newShape);
    }

    /** Flattens to rank 1. */
    public Tensor flatten() {
        return reshape(-1);
    }

    public Tensor permute(int... axes) {
        return Providers.shape().permute(this, axes);
    }

    /** Reverses the axes (NumPy's {@code .T}): the transpose of a matrix. */
    public Tensor transpose() {
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axes.length - 1 - i;
        }
        return permute(axes);
    }

    /** Swaps two axes. */
    public Tensor transpose(int axisA, int axisB) {
        int a = Shape.normalizeAxis(axisA, shape.length, "transpose");
        int b = Shape.normalizeAxis(axisB, shape.length, "transpose");
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        axes[a] = b;
        axes[b] = a;
        return permute(axes);
    }

    public Tensor expand(int... newShape) {
        return Providers.shape().expand(this, Shape.of(newShape));
    }

    public Tensor broadcastTo(Shape newShape) {
        return Providers.shape().expand(this, newShape);
    }

    public Tensor squeeze(int... axes) {
        return Providers.shape().squeeze(this, axes);
    }

    public Tensor unsqueeze(int axis) {
        return Providers.shape().unsqueeze(this, axis);
    }

    /** {@code x[start:stop]} along {@code axis}, as a view; negative bounds count from the end. */
    public Tensor slice(int axis, int start, int stop) {
        return Providers.shape().slice(this, axis, start, stop, 1);
    }

    /** {@code x[start:stop:step]} along {@code axis}; see {@link jgrad.core.spi.ShapeOps#slice}. */
    public Tensor slice(int axis, int start, int stop, int step) {
        return Providers.shape().slice(this, axis, start, stop, step);
    }

    // ---------------------------------------------------------------- NumPy-style indexing

    /**
     * {@code x[i]}: the sub-tensor at position {@code i} of the first axis, one rank lower (a
     * view); negative positions count from the end. Recorded on a tape like any op.
     */
    public Tensor get(int i) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("get: x is a scalar; it has no axis to index (use item())");
        }
        return Indexing.index(this, "get", new Index[] {Index.at(i)});
    }

    /**
     * {@code x[i, j, ...]}: one position on each of the first {@code indices.length} axes, each
     * removed; all of them gives a scalar tensor. Negative positions count from the end.
     */
    public Tensor at(int... indices) {
        Index[] items = new Index[indices.length];
        for (int i = 0; i < items.length; i++) {
            items[i] = Index.at(indices[i]);
        }
        return Indexing.index(this, "at", items);
    }

    /**
     * NumPy's basic indexing in one call: {@code x.index(all(), range(1, 3))} is {@code x[:, 1:3]}
     * (see {@link Index} for the items). The result is a view; integer items remove their axis.
     * Differentiable: the gradient lands in the selected entries.
     */
    public Tensor index(Index... items) {
        return Indexing.index(this, "index", items);
    }

    /**
     * NumPy's index syntax as text: {@code x.slice(":, 1:3")}, {@code x.slice("..., -1")},
     * {@code x.slice("::-1, None")}. Same as {@link #index(Index...)} with {@link Index#parse}.
     */
    public Tensor slice(String spec) {
        return Indexing.index(this, "slice", Index.parse(spec));
    }

    /**
     * NumPy's {@code x[mask]}: a bool mask of the shape of x's leading axes picks the entries where
     * it is true, in row-major order; the result has shape {@code [count] + x.shape[mask.rank:]}
     * (1-D for a mask of x's full shape). Differentiable in x.
     */
    public Tensor mask(Tensor mask) {
        return Indexing.mask(this, mask);
    }

    /**
     * A copy of x with {@code x[spec] = value} (NumPy's item assignment, done functionally: x is
     * not changed). The value must have x's dtype and broadcast to the selection's shape.
     * Differentiable in x (zero gradient where overwritten) and in value.
     */
    public Tensor withSlice(String spec, Tensor value) {
        return Indexing.withSlice(this, "withSlice", Index.parse(spec), value);
    }

    /** {@link #withSlice(String, Tensor)} with a scalar value in x's dtype. */
    public Tensor withSlice(String spec, double value) {
        return withSlice(spec, scalarLike(value));
    }

    /** {@link #withSlice(String, Tensor)} with typed items: {@code x.withIndex(v, all(), at(0))}. */
    public Tensor withIndex(Tensor value, Index... items) {
        return Indexing.withSlice(this, "withIndex", items, value);
    }

    /** A copy of x with {@code x[mask] = value}; value broadcasts to {@code x.shape[mask.rank:]}. */
    public Tensor withMask(Tensor mask, Tensor value) {
        return Indexing.withMask(this, mask, value);
    }

    /** {@link #withMask(Tensor, Tensor)} with a scalar value in x's dtype. */
    public Tensor withMask(Tensor mask, double value) {
        return withMask(mask, scalarLike(value));
    }

    public static Tensor concat(List<Tensor> xs, int axis) {
        return Providers.shape().concat(xs, axis);
    }

    public static Tensor stack(List<Tensor> xs, int axis) {
        return Providers.shape().stack(xs, axis);
    }

    /** Splits into pieces of the given sizes along {@code axis}. */
    public List<Tensor> split(int[] sizes, int axis) {
        return Providers.shape().split(this, sizes, axis);
    }

    /** Splits into {@code parts} equal pieces along {@code axis}. */
    public List<Tensor> split(int parts, int axis) {
        int n = dim(axis);
        if (parts <= 0 || n % parts != 0) {
            throw new IllegalArgumentException("split: axis " + axis + " of shape " + Arrays.toString(shape)
                    + " (extent " + n + ") cannot be split into " + parts + " equal parts");
        }
        int[] sizes = new int[parts];
        Arrays.fill(sizes, n / parts);
        return split(sizes, axis);
    }

    public Tensor gather(Tensor indices, int axis) {
        return Providers.shape().gather(this, indices, axis);
    }

    public Tensor pad(int[][] widths, double value) {
        return Providers.shape().pad(this, widths, value);
    }

    /** A row-major copy, or this tensor if it already is row-major. */
    public Tensor contiguous() {
        return Providers.shape().contiguous(this);
    }

    // ---------------------------------------------------------------- reductions

    private static final int[] ALL = new int[0];

    /** Sum of every element. */
    public Tensor sum() {
        return Providers.reduce().sum(this, ALL, false);
    }

    public Tensor sum(int axis) {
        return Providers.reduce().sum(this, new int[] {axis}, false);
    }

    public Tensor sum(int[] axes, boolean keepDims) {
        return Providers.reduce().sum(this, axes, keepDims);
    }

    public Tensor mean() {
        return Providers.reduce().mean(this, ALL, false);
    }

    public Tensor mean(int axis) {
        return Providers.reduce().mean(this, new int[] {axis}, false);
    }

    public Tensor mean(int[] axes, boolean keepDims) {
        return Providers.reduce().mean(this, axes, keepDims);
    }

    public Tensor max() {
        return Providers.reduce().max(this, ALL, false);
    }

    public Tensor max(int axis) {
        return Providers.reduce().max(this, new int[] {axis}, false);
    }

    public Tensor max(int[] axes, boolean keepDims) {
        return Providers.reduce().max(this, axes, keepDims);
    }

    public Tensor min() {
        return Providers.reduce().min(this, ALL, false);
    }

    public Tensor min(int axis) {
        return Providers.reduce().min(this, new int[] {axis}, false);
    }

    public Tensor min(int[] axes, boolean keepDims) {
        return Providers.reduce().min(this, axes, keepDims);
    }

    public Tensor prod() {
        return Providers.reduce().prod(this, ALL, false);
    }

    public Tensor prod(int[] axes, boolean keepDims) {
        return Providers.reduce().prod(this, axes, keepDims);
    }

    public Tensor variance() {
        return Providers.reduce().variance(this, ALL, false);
    }

    public Tensor variance(int[] axes, boolean keepDims) {
        return Providers.reduce().variance(this, axes, keepDims);
    }

    public Tensor std() {
        return Providers.reduce().std(this, ALL, false);
    }

    public Tensor std(int[] axes, boolean keepDims) {
        return Providers.reduce().std(this, axes, keepDims);
    }

    public Tensor logSumExp() {
        return Providers.reduce().logSumExp(this, ALL, false);
    }

    public Tensor logSumExp(int[] axes, boolean keepDims) {
        return Providers.reduce().logSumExp(this, axes, keepDims);
    }

    public Tensor argmax(int axis) {
        return Providers.reduce().argmax(this, axis, false);
    }

    public Tensor argmax(int axis, boolean keepDims) {
        return Providers.reduce().argmax(this, axis, keepDims);
    }

    public Tensor argmin(int axis) {
        return Providers.reduce().argmin(this, axis, false);
    }

    public Tensor argmin(int axis, boolean keepDims) {
        return Providers.reduce().argmin(this, axis, keepDims);
    }

    // ---------------------------------------------------------------- activations

    public Tensor leakyRelu(double alpha) {
        return Providers.neural().leakyRelu(this, alpha);
    }

    public Tensor elu(double alpha) {
        return Providers.neural().elu(this, alpha);
    }

    public Tensor selu() {
        return Providers.neural().selu(this);
    }

    public Tensor softplus() {
        return Providers.neural().softplus(this);
    }

    public Tensor softsign() {
        return Providers.neural().softsign(this);
    }

    public Tensor gelu() {
        return Providers.neural().gelu(this);
    }

    public Tensor swish() {
        return Providers.neural().swish(this);
    }

    public Tensor hardSigmoid() {
        return Providers.neural().hardSigmoid(this);
    }

    /** Softmax over the last axis. */
    public Tensor softmax() {
        return Providers.neural().softmax(this, -1);
    }

    public Tensor softmax(int axis) {
        return Providers.neural().softmax(this, axis);
    }

    public Tensor logSoftmax() {
        return Providers.neural().logSoftmax(this, -1);
    }

    public Tensor logSoftmax(int axis) {
        return Providers.neural().logSoftmax(this, axis);
    }

    public Tensor dropout(double rate, Rng rng) {
        return Providers.neural().dropout(this, rate, rng);
    }

    /** int64 class indices to float32 one-hot rows. */
    public Tensor oneHot(int depth) {
        return Providers.neural().oneHot(this, depth);
    }

    // ---------------------------------------------------------------- convolution and pooling

    /**
     * A 1-D convolution (cross-correlation) of this channels-last {@code [batch, width, channels]}
     * tensor with a kernel {@code [k, channels, filters]}, Keras's defaults: stride 1, 'valid'.
     * Strides, dilations, groups, bias and activations: {@code jgrad.ops.nn.Convolution.with()}.
     */
    public Tensor conv1d(Tensor kernel) {
        return conv1d(kernel, 1, "valid");
    }

    /** A 1-D convolution with this stride and padding ("valid", "same" or "causal"). */
    public Tensor conv1d(Tensor kernel, int stride, String padding) {
        return Providers.neural().conv(this, kernel, 1, new int[] {stride}, padding);
    }

    /**
     * A 2-D convolution of this {@code [batch, height, width, channels]} tensor with a kernel
     * {@code [kh, kw, channels, filters]}, stride 1 and 'valid' padding, as Keras's defaults.
     */
    public Tensor conv2d(Tensor kernel) {
        return conv2d(kernel, 1, "valid");
    }

    /** A 2-D convolution with the same stride on both axes and padding "valid" or "same". */
    public Tensor conv2d(Tensor kernel, int stride, String padding) {
        return Providers.neural().conv(this, kernel, 2, new int[] {stride, stride}, padding);
    }

    /** A 3-D convolution of {@code [batch, depth, height, width, channels]}, stride 1, 'valid'. */
    public Tensor conv3d(Tensor kernel) {
        return conv3d(kernel, 1, "valid");
    }

    /** A 3-D convolution with the same stride on every axis and padding "valid" or "same". */
    public Tensor conv3d(Tensor kernel, int stride, String padding) {
        return Providers.neural().conv(this, kernel, 3, new int[] {stride, stride, stride}, padding);
    }

    /** 1-D max pooling of a channels-last tensor, strides equal to the pool size, 'valid' (Keras's defaults). */
    public Tensor maxPool1d(int poolSize) {
        return Providers.neural().pool(this, "max", new int[] {poolSize}, new int[] {poolSize}, "valid");
    }

    /** 2-D max pooling with a square window, strides equal to the pool size, 'valid' (Keras's defaults). */
    public Tensor maxPool2d(int poolSize) {
        return maxPool2d(poolSize, poolSize, "valid");
    }

    /** 2-D max pooling with a square window, this stride and padding ("valid" or "same"). */
    public Tensor maxPool2d(int poolSize, int stride, String padding) {
        return Providers.neural().pool(this, "max", new int[] {poolSize, poolSize}, new int[] {stride, stride},
                padding);
    }

    /** 3-D max pooling with a cubic window, strides equal to the pool size, 'valid'. */
    public Tensor maxPool3d(int poolSize) {
        return Providers.neural().pool(this, "max", new int[] {poolSize, poolSize, poolSize},
                new int[] {poolSize, poolSize, poolSize}, "valid");
    }

    /** 1-D average pooling, strides equal to the pool size, 'valid'. */
    public Tensor avgPool1d(int poolSize) {
        return Providers.neural().pool(this, "avg", new int[] {poolSize}, new int[] {poolSize}, "valid");
    }

    /** 2-D average pooling with a square window, strides equal to the pool size, 'valid'. */
    public Tensor avgPool2d(int poolSize) {
        return avgPool2d(poolSize, poolSize, "valid");
    }

    /** 2-D average pooling with a square window, this stride and padding; padding is not counted. */
    public Tensor avgPool2d(int poolSize, int stride, String padding) {
        return Providers.neural().pool(this, "avg", new int[] {poolSize, poolSize}, new int[] {stride, stride},
                padding);
    }

    /** 3-D average pooling with a cubic window, strides equal to the pool size, 'valid'. */
    public Tensor avgPool3d(int poolSize) {
        return Providers.neural().pool(this, "avg", new int[] {poolSize, poolSize, poolSize},
                new int[] {poolSize, poolSize, poolSize}, "valid");
    }

    // ---------------------------------------------------------------- misc

    /** A scalar with this tensor's dtype, for the {@code add(double)} family. */
    public Tensor scalarLike(double value) {
        if (!dtype.isFloating() && value != Math.rint(value)) {
            throw new IllegalArgumentException("scalar " + value + " is not an integer, but the tensor is " + dtype);
        }
        return scalar(value, dtype);
    }

    /**
     * NumPy-style printing of a small tensor: values, shape and dtype. A matrix or larger of more
     * than 64 elements prints on one line, with its first and last three values in memory order
     * ({@code Tensor(shape=[1000, 784], dtype=float32, flat=[0.1, 0.2, 0.3, ..., 0.7, 0.8, 0.9])}),
     * so that JShell's echo of a data set or a weight matrix stays one line and reads six values
     * instead of all of them; {@link #toFullString()} prints every row, NumPy's way.
     */
    @Override
    public String toString() {
        if (shape.length >= 2 && size() > 64) {
            return "Tensor(shape=" + Arrays.toString(shape) + ", dtype=" + dtype + ", flat="
                    + TensorFormatter.compact(this) + ")";
        }
        return toFullString();
    }

    /** NumPy-style printing at any size: nested rows, the middle elided above 1,000 elements. */
    public String toFullString() {
        return "Tensor(" + TensorFormatter.format(this, 7) + ", shape=" + Arrays.toString(shape) + ", dtype=" + dtype
                + ")";
    }

    /** Identity, not value equality: tapes key gradients by tensor. See {@link #contentEquals}. */
    @Override
    public final boolean equals(Object o) {
        return this == o;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }

    /** Package-private access to the shape array, no copy. */
    int[] shapeUnsafe() {
        return shape;
    }
}
