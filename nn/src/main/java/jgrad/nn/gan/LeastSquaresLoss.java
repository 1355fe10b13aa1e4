package jgrad.nn.gan;

import jgrad.core.Tensor;

/**
 * LSGAN (Mao et al., ICCV 2017) on a linear discriminator output: the discriminator minimises
 * {@code 1/2 E[(D(x) - b)^2] + 1/2 E[(D(G(z)) - a)^2]} and the generator {@code 1/2 E[(D(G(z)) -
 * c)^2]}. The paper's codings: {@code a = 0, b = c = 1} ({@link #LSGAN}) and {@code a = -1, b = 1,
 * c = 0} (Pearson chi-square, {@link #pearson()}). The optimal discriminator is {@code (b p_d + a
 * p_g) / (p_d + p_g)}, and the generator's gradient {@code D - c} does not vanish for confidently
 * rejected fakes.
 */
public record LeastSquaresLoss(double a, double b, double c) implements GanLoss {
    /** The 0-1 coding a = 0, b = c = 1. */
    public static final LeastSquaresLoss LSGAN = new LeastSquaresLoss(0, 1, 1);

    public LeastSquaresLoss {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("LeastSquaresLoss: a, b and c must be finite, got a=" + a + " b=" + b
                    + " c=" + c);
        }
        if (a == b) {
            throw new IllegalArgumentException("LeastSquaresLoss: the fake label a and the real label b must differ,"
                    + " both are " + a);
        }
    }

    /** a = -1, b = 1, c = 0: minimising the Pearson chi-square divergence. */
    public static LeastSquaresLoss pearson() {
        return new LeastSquaresLoss(-1, 1, 0);
    }

    @Override
    public Tensor discriminator(Tensor realOutput, Tensor fakeOutput) {
        return realOutput.sub(b).square().mean().mul(0.5).add(fakeOutput.sub(a).square().mean().mul(0.5));
    }

    @Override
    public Tensor generator(Tensor fakeOutput) {
        return fakeOutput.sub(c).square().mean().mul(0.5);
    }

    @Override
    public String name() {
        return "least_squares";
    }
}
