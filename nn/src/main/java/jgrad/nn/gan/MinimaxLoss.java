package jgrad.nn.gan;

import jgrad.core.Tensor;

/**
 * The original GAN game (Goodfellow et al. 2014; notes 002, 5.3) on logits {@code a},
 * {@code D = sigmoid(a)}: the discriminator minimises {@code -E[log D(x)] - E[log(1 - D(G(z)))]}
 * and the generator minimises {@code E[log(1 - D(G(z)))]} (the saturating form: its gradient
 * {@code d/da log(1 - sigmoid(a)) = -sigmoid(a)} vanishes when D confidently rejects the fakes,
 * -0.01 at D = 0.01). Logs are computed from logits as {@code log sigmoid(a) = -softplus(-a)} and
 * {@code log(1 - sigmoid(a)) = -softplus(a)}, so no probability is ever clipped. At the
 * equilibrium ({@code D = 1/2} everywhere) the value {@code E log D + E log(1 - D)} is
 * {@code -log 4}.
 */
public record MinimaxLoss() implements GanLoss {
    @Override
    public Tensor discriminator(Tensor realOutput, Tensor fakeOutput) {
        return realOutput.neg().softplus().mean().add(fakeOutput.softplus().mean());
    }

    @Override
    public Tensor generator(Tensor fakeOutput) {
        return fakeOutput.softplus().mean().neg();
    }

    /** The game's value {@code V(D, G) = E log D(x) + E log(1 - D(G(z)))} from logits (minus the D loss). */
    public static Tensor value(Tensor realOutput, Tensor fakeOutput) {
        return new MinimaxLoss().discriminator(realOutput, fakeOutput).neg();
    }

    /** The the game is zero-sum: after unrolling, minus the discriminator's loss (its real half depends on G through the unrolled weights). */
    @Override
    public Tensor unrolledGenerator(Tensor realOutput, Tensor fakeOutput) {
        return discriminator(realOutput, fakeOutput).neg();
    }

    @Override
    public String name() {
        return "minimax";
    }
}
