package jgrad.codegen.trace;

import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;

/**
 * A value of a traced {@link Graph}: what an edge carries. Where it comes from decides how a
 * replay obtains it: the call's arguments, a Variable read live, a constant captured by value at
 * trace time, the output of a node, or a node value cut off from the tapes ({@code stopGradient}).
 */
public sealed interface Value {
    Shape shape();

    DType dtype();

    /** The {@code index}-th argument of the call. */
    record Input(int index, Shape shape, DType dtype) implements Value {}

    /** A Variable the function reads: replays see its value at the time of the call. */
    record Var(Variable variable) implements Value {
        @Override
        public Shape shape() {
            return variable.shape();
        }

        @Override
        public DType dtype() {
            return variable.dtype();
        }
    }

    /** A tensor the function made without ops on traced values (a literal, a scalar): kept by value. */
    record Const(Tensor value) implements Value {
        @Override
        public Shape shape() {
            return value.shape();
        }

        @Override
        public DType dtype() {
            return value.dtype();
        }
    }

    /** The output of node {@code node}. */
    record Result(int node, Shape shape, DType dtype) implements Value {}

    /** {@code stopGradient()} of value {@code source}: the same data, no gradient flows back. */
    record Detached(int source, Shape shape, DType dtype) implements Value {}
}
