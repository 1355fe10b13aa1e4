package jgrad.ops.math;

import jgrad.core.Tensor;

/**
 * A built-in elementwise op that is an instruction of the formula language ({@link Expr}): its
 * gradient is not written in its own file but taken from the one table of vjp formulas
 * ({@link Expr#vjp}), run as a declared op ({@link ElementwiseOp}, one fused kernel per input
 * gradient, differentiable again). So the op's file holds its forward kernel call and test spec,
 * and its derivative is written once, for the eager engine, the code generator and the chain rule
 * of declared ops alike.
 */
interface Primitive extends jgrad.core.Op {
    @Override
    default Tensor[] vjp(Backward b) {
        return Primitives.vjp(this, b);
    }
}
