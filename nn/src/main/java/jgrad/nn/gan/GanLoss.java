package jgrad.nn.gan;

import jgrad.core.Tensor;

/**
 * The two halves of a GAN's objective on the discriminator's (critic's) raw outputs: what the
 * discriminator minimises given its outputs on a real and a fake batch, and what the generator
 * minimises given the discriminator's outputs on its fakes. Both return a scalar (the batch
 * mean). Implementations: {@link MinimaxLoss} (Goodfellow et al. 2014, saturating),
 * {@link NonSaturatingLoss}, {@link LeastSquaresLoss} (LSGAN), {@link WassersteinLoss} (WGAN,
 * WGAN-GP); {@link D2GanLoss} has two discriminators and its own methods.
 */
public interface GanLoss {
    /** The discriminator's loss on its outputs for a real batch and a fake batch. */
    Tensor discriminator(Tensor realOutput, Tensor fakeOutput);

    /** The generator's loss on the discriminator's outputs for the generator's samples. */
    Tensor generator(Tensor fakeOutput);

    /** A short name for progress lines and errors. */
    String name();
}
