package jgrad.codegen;

import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import jgrad.codegen.trace.Tracer;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.core.TensorFunction;

/**
 * Compiles functions over tensors into fused kernels (as {@code jax.jit}, {@code tf.function} or
 * {@code torch.compile}): the function is traced on its first call for each input signature, its
 * elementwise chains fused into generated kernels, and later calls replay the fused plan.
 *
 * <pre>{@code
 * CompiledFunction f = Jit.binary((x, y) -> x.mul(y).add(1).exp());
 * Tensor z = f.call(a, b);          // first call: traced (runs eagerly), plan made
 * z = f.call(a2, b2);               // same shapes: replays the fused plan
 * f.printKernels();                 // the generated Java source
 * }</pre>
 */
public final class Jit {
    private Jit() {}

    /**
     * The compiled form of {@code function}, tensors in and out:
     * {@code Jit.compile(xs -> new Tensor[] {xs[0].exp(), xs[1].tanh()})} (returned as is if it is
     * already compiled). {@link #unary} and {@link #binary} take one-output lambdas.
     */
    public static CompiledFunction compile(TensorFunction function) {
        Objects.requireNonNull(function, "Jit.compile: function is null");
        return function instanceof CompiledFunction c ? c : new CompiledFunction(function);
    }

    /** Compiles a one-input, one-output function: {@code Jit.unary(x -> x.mul(x).exp())}. */
    public static CompiledFunction unary(UnaryOperator<Tensor> function) {
        Objects.requireNonNull(function, "Jit.compile: function is null");
        return new CompiledFunction(TensorFunction.of(function));
    }

    /** Compiles a two-input, one-output function: {@code Jit.binary((x, y) -> x.mul(y).add(1))}. */
    public static CompiledFunction binary(BinaryOperator<Tensor> function) {
        Objects.requireNonNull(function, "Jit.compile: function is null");
        return new CompiledFunction(TensorFunction.of(function));
    }

    /**
     * Compiles what a persistent {@code tape} recorded between {@code inputs} and {@code outputs}:
     * the result replays that graph, fused, on new inputs of the same shapes and dtypes (a tape
     * cannot be traced again, so other shapes are refused). Ops the tape did not record (on
     * tensors it did not watch) are constants of the graph.
     */
    public static CompiledFunction fromTape(GradientTape tape, List<? extends Tensor> inputs,
            List<? extends Tensor> outputs) {
        return new CompiledFunction(null, Tracer.fromTape(tape, inputs, outputs), inputs.toArray(new Tensor[0]));
    }
}
