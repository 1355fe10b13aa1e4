package jgrad.codegen.fused;

/**
 * What a {@link Rule} may ask of the kernel being generated: the element type, literals, hoisted
 * vector constants and temporaries. One Lowering serves one kernel and one dtype.
 */
public interface Lowering {
    /** True in float64 kernels, false in float32 ones. */
    boolean isDouble();

    /** {@code "float"} or {@code "double"}. */
    String scalarType();

    /** {@code "FloatVector"} or {@code "DoubleVector"}. */
    String vectorType();

    /** The name of the kernel's vector species constant (preferred species of the element type). */
    String species();

    /** A literal of the element type: {@code 0.5f}, {@code 0.5}, {@code Float.POSITIVE_INFINITY}, ... */
    String literal(double value);

    /** The name of a vector holding {@code value} in every lane, broadcast once outside the loop. */
    String vectorConstant(double value);

    /** {@code expr} (a double expression, such as {@code Math.exp(x)}) converted to the element type. */
    String cast(String doubleExpr);

    /**
     * Emits {@code <type> tN = expr;} before the current statement and returns {@code tN}; the type is
     * the vector type in vector lowering, the scalar type in scalar lowering.
     */
    String temp(String expr);

    /**
     * Emits Java statements (a loop, an if over temporaries made with {@link #temp}) before the
     * current statement; for lowerings too large for one expression. Keep them in the loop body:
     * a helper method taking a vector would box it whenever C2 does not inline the call.
     */
    void statement(String javaStatements);

    /** Like {@link #temp} for a mask: {@code VectorMask<Float> mN = expr;} or {@code boolean mN = expr;}. */
    String tempMask(String expr);
}
