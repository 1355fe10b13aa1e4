package jgrad.core;

/**
 * The element type of a {@link Tensor}. Float32 is the default; float64 serves precise gradient
 * checks; int64 holds indices and labels; bool holds the results of comparisons.
 */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    INT64("int64", 8),
    BOOL("bool", 1);

    private final String label;
    private final int byteSize;

    DType(String label, int byteSize) {
        this.label = label;
        this.byteSize = byteSize;
    }

    /** True for float32 and float64: the only dtypes gradients flow through. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public int byteSize() {
        return byteSize;
    }

    /** The name NumPy, PyTorch and TensorFlow print: {@code float32}, {@code int64}, ... */
    @Override
    public String toString() {
        return label;
    }
}
