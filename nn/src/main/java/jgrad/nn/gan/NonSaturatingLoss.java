package jgrad.nn.gan;

import jgrad.core.Tensor;

/**
 * The non-saturating GAN loss (Goodfellow et al. 2014, section 3; the DCGAN tutorial's
 * {@code BinaryCrossentropy(from_logits=True)}): the discriminator's loss is the minimax one,
 * the generator minimises {@code -E[log D(G(z))]} instead, whose gradient {@code -(1 - D)} stays
 * near -1 when D rejects the fakes (-0.99 at D = 0.01).
 */
public record NonSaturatingLoss() implements GanLoss {
    @Override
    public Tensor discriminator(Tensor realOutput, Tensor fakeOutput) {
        return new MinimaxLoss().discriminator(realOutput, fakeOutput);
    }

    @Override
    public Tensor generator(Tensor fakeOutput) {
        return fakeOutput.neg().softplus().mean();
    }

    @Override
    public String name() {
        return "non_saturating";
    }
}
