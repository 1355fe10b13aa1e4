package jgrad.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A named, mutable, trainable cell holding a tensor: a model's weights. Usable wherever a Tensor
 * is; every {@link GradientTape} watches trainable Variables automatically. {@code assign} replaces
 * the value (shape and dtype fixed), so tensors read from the Variable earlier keep their values,
 * and a gradient asked for through an op that used the old value fails instead of being wrong.
 */
public final class Variable extends Tensor {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final String name;
    private boolean trainable;
    private int version;

    private Variable(Tensor initial, String name, boolean trainable) {
        super(initial.dtype(), initial.shape().dims(), initial.shape().contiguousStrides(), 0, denseCopy(initial));
        if (!initial.dtype().isFloating() && trainable) {
            throw new IllegalArgumentException("Variable '" + name + "': a trainable variable must be float32 or"
                    + " float64, got " + initial.dtype() + "; pass trainable=false for integer state");
        }
        this.name = name;
        this.trainable = trainable;
    }

    public static Variable of(Tensor initial) {
        return new Variable(initial, "Variable:" + COUNTER.getAndIncrement(), true);
    }

    public static Variable of(Tensor initial, String name) {
        return new Variable(initial, name, true);
    }

    public static Variable of(Tensor initial, String name, boolean trainable) {
        return new Variable(initial, name, trainable);
    }

    public static Variable of(float value) {
        return of(Tensor.of(value));
    }

    public static Variable of(double value) {
        return of(Tensor.of(value));
    }

    public static Variable of(float[] values) {
        return of(Tensor.of(values));
    }

    public static Variable of(float[][] values) {
        return of(Tensor.of(values));
    }

    public static Variable of(double[] values) {
        return of(Tensor.of(values));
    }

    public static Variable of(double[][] values) {
        return of(Tensor.of(values));
    }

    private static Object denseCopy(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT32 -> t.toFloatArray();
            case FLOAT64 -> t.toDoubleArray();
            case INT64 -> t.toLongArray();
            case BOOL -> t.toBooleanArray();
        };
    }

    public String name() {
        return name;
    }

    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes the variable; frozen ones are not watched automatically. */
    public void setTrainable(boolean trainable) {
        if (trainable && !dtype().isFloating()) {
            throw new IllegalArgumentException("Variable '" + name + "': " + dtype() + " cannot be trainable");
        }
        this.trainable = trainable;
    }

    /** Incremented by every assign; tapes compare it to detect use-after-assign. */
    public int version() {
        return version;
    }

    /** The current value as an immutable Tensor, not connected to any tape. */
    public Tensor value() {
        return stopGradient();
    }

    /** Replaces the value; {@code value} must have this variable's shape and dtype. */
    public Variable assign(Tensor value) {
        check("assign", value);
        this.data = denseCopy(value);
        version++;
        return this;
    }

    /**
     * Replaces the value with {@code values} (row-major, this variable's size), which becomes the
     * variable's own storage without a copy. For optimizers, which write each step's new values
     * into a fresh array: {@link #assign} would copy it once more. The caller must keep no
     * reference to write through; tensors read from the variable earlier keep their values, as
     * with assign.
     */
    public Variable assignOwned(float[] values) {
        if (dtype() != DType.FLOAT32 || values.length != size()) {
            throw new IllegalArgumentException("Variable '" + name + "'.assignOwned: " + values.length
                    + " float32 values for a " + dtype() + " variable of shape " + shape());
        }
        this.data = values;
        version++;
        return this;
    }

    /** {@code this = this + delta}, not recorded on any tape. */
    public Variable assignAdd(Tensor delta) {
        check("assignAdd", delta);
        try (Scope s = GradientTape.noGrad()) {
            return assign(value().add(delta));
        }
    }

    /** {@code this = this - delta}, not recorded on any tape. */
    public Variable assignSub(Tensor delta) {
        check("assignSub", delta);
        try (Scope s = GradientTape.noGrad()) {
            return assign(value().sub(delta));
        }
    }

    private void check(String op, Tensor value) {
        if (value == null) {
            throw new NullPointerException("Variable '" + name + "'." + op + ": value is null");
        }
        if (value.dtype() != dtype()) {
            throw new IllegalArgumentException("Variable '" + name + "'." + op + ": value has dtype " + value.dtype()
                    + ", the variable has " + dtype());
        }
        boolean sameShape = value.shape().equals(shape());
        boolean broadcastable = !op.equals("assign") && value.size() == 1;
        if (!sameShape && !broadcastable) {
            throw new IllegalArgumentException("Variable '" + name + "'." + op + ": value has shape " + value.shape()
                    + ", the variable has shape " + shape());
        }
    }

    @Override
    public String toString() {
        return "Variable '" + name + "' " + (trainable ? "" : "(frozen) ") + super.toString();
    }
}
