package jgrad.nn.gan;

import jgrad.core.Tensor;

/**
 * WGAN (Arjovsky, Chintala and Bottou, ICML 2017): the critic minimises {@code E[f(G(z))] -
 * E[f(x)]}, the generator {@code -E[f(G(z))]}. The critic must be kept Lipschitz, by weight
 * clipping ({@link ClipConstraint}) or by the gradient penalty ({@link GradientPenalty},
 * WGAN-GP). Minus the critic's loss estimates the Wasserstein-1 distance (up to the Lipschitz
 * constant).
 */
public record WassersteinLoss() implements GanLoss {
    @Override
    public Tensor discriminator(Tensor realOutput, Tensor fakeOutput) {
        return fakeOutput.mean().sub(realOutput.mean());
    }

    @Override
    public Tensor generator(Tensor fakeOutput) {
        return fakeOutput.mean().neg();
    }

    /** The zero-sum: after unrolling, minus the critic's loss. */
    @Override
    public Tensor unrolledGenerator(Tensor realOutput, Tensor fakeOutput) {
        return discriminator(realOutput, fakeOutput).neg();
    }

    @Override
    public String name() {
        return "wasserstein";
    }
}
