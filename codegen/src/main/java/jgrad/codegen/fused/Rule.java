package jgrad.codegen.fused;

import java.util.List;
import jgrad.core.Op;

/**
 * How one elementwise op class is fused: its value as a scalar Java expression and as a Vector API
 * expression, and its vector-Jacobian product per input as a symbolic formula (one formula per
 * input, as in PyTorch's derivatives.yaml). Register rules for your own ops with
 * {@link FusionRules#register}.
 *
 * <pre>{@code
 * record Cube() implements Op { ... }                  // y = x^3
 * FusionRules.register(Cube.class, new Rule<>() {
 *     public int arity(Cube op) { return 1; }
 *     public String scalar(Cube op, Lowering l, List<String> x) {
 *         return x.get(0) + " * " + x.get(0) + " * " + x.get(0);
 *     }
 *     public String vector(Cube op, Lowering l, List<String> x) {
 *         return x.get(0) + ".mul(" + x.get(0) + ").mul(" + x.get(0) + ")";
 *     }
 *     public Sym derivative(Cube op, int input, Sym g, List<Sym> x, Sym y) {
 *         return g.mul(x.get(0).square()).mul(Sym.constant(3));   // g * 3x^2
 *     }
 * });
 * }</pre>
 *
 * <p>Arguments arrive as names of local variables (never as larger expressions), so a rule may use
 * an argument several times. A lowering that needs several statements creates temporaries with
 * {@link Lowering#temp}. Scalar expressions must have the kernel's element type ({@code float} in
 * float32 kernels: cast the result of {@code Math} functions with {@link Lowering#cast}).
 *
 * @param <T> the op record class
 */
public interface Rule<T extends Op> {
    /** The number of inputs the op takes. */
    int arity(T op);

    /** True if the op's value is a bool mask (comparisons), false for a float value. */
    default boolean producesMask(T op) {
        return false;
    }

    /** True if input {@code input} must be a bool mask (the condition of where). */
    default boolean takesMask(T op, int input) {
        return false;
    }

    /** The op as a scalar Java expression over the argument variables. */
    String scalar(T op, Lowering l, List<String> args);

    /** The op as a Vector API expression over the argument variables (FloatVector/DoubleVector, masks as VectorMask). */
    String vector(T op, Lowering l, List<String> args);

    /**
     * The gradient flowing to input {@code input} given the output gradient {@code grad}, the
     * inputs and the output, as a formula of other fusable ops (the op's vjp, written symbolically);
     * null when no gradient flows to that input (a mask, a non-differentiable op).
     */
    Sym derivative(T op, int input, Sym grad, List<Sym> inputs, Sym output);
}
