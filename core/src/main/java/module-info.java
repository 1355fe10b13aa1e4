/**
 * jgrad's core: {@link jgrad.core.Tensor}, {@link jgrad.core.Variable},
 * {@link jgrad.core.GradientTape}, the {@link jgrad.core.Op} SPI, gradient checking and the atomic
 * file writer every module uses ({@link jgrad.core.io.AtomicFiles}). The op
 * library behind Tensor's methods comes from module jgrad.ops through the services below.
 */
module jgrad.core {
    exports jgrad.core;
    exports jgrad.core.spi;
    exports jgrad.core.check;
    exports jgrad.core.io;

    uses jgrad.core.spi.MathOps;
    uses jgrad.core.spi.ShapeOps;
    uses jgrad.core.spi.ReduceOps;
    uses jgrad.core.spi.NeuralOps;
    uses jgrad.core.spi.FunctionCompiler;
}
