/**
 * jgrad's op library: every op with its gradient, the Vector API kernels behind them, and the
 * losses. Plugs into {@link jgrad.core.Tensor}'s fluent methods as the services below.
 */
module jgrad.ops {
    requires transitive jgrad.core;
    requires jdk.incubator.vector;

    exports jgrad.ops;
    exports jgrad.ops.math;
    exports jgrad.ops.shape;
    exports jgrad.ops.reduce;
    exports jgrad.ops.nn;
    exports jgrad.ops.kernels;

    provides jgrad.core.spi.MathOps with jgrad.ops.math.DefaultMathOps;
    provides jgrad.core.spi.ShapeOps with jgrad.ops.shape.DefaultShapeOps;
    provides jgrad.core.spi.ReduceOps with jgrad.ops.reduce.DefaultReduceOps;
    provides jgrad.core.spi.NeuralOps with jgrad.ops.nn.DefaultNeuralOps;
}
