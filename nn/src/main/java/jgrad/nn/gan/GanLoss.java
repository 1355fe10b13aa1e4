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

    /**
     * The generator's loss after the discriminator was unrolled (the Unrolled GAN, Metz et al.):
     * its outputs at the unrolled weights on the real and on the fake batch. For a zero-sum game
     * the generator minimises the game's value {@code f(theta_G, theta_D^K)} itself, and its
     * real-data half depends on {@code theta_G} through the unrolled weights {@code theta_D^K}:
     * {@link MinimaxLoss} and {@link WassersteinLoss} return minus the discriminator's loss
     * (the reference notebook's {@code minimize(-unrolled_loss)}). By default the generator's
     * ordinary loss on the fakes (the non-saturating and least-squares losses are not zero-sum).
     */
    default Tensor unrolledGenerator(Tensor realOutput, Tensor fakeOutput) {
        return generator(fakeOutput);
    }

    /** A short name for progress lines and errors. */
    String name();
}
