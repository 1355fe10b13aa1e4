package jgrad.nn.losses;

import java.util.Objects;
import jgrad.core.Rng;
import jgrad.core.Tensor;

/**
 * The Kullback-Leibler divergence of a diagonal Gaussian posterior q = N(mu, exp(logVar)) from
 * the standard normal prior, the VAE's regulariser (Kingma and Welling 2014, appendix B):
 * {@code KL = -1/2 sum_j (1 + logVar_j - mu_j^2 - exp(logVar_j))}. Tensor forms are
 * differentiable; the scalar forms check them (closed form against Monte Carlo).
 */
public final class GaussianKL {
    private GaussianKL() {}

    /** KL per sample: {@code [batch]}, summed over every axis after the first. */
    public static Tensor perSample(Tensor mu, Tensor logVar) {
        Objects.requireNonNull(mu, "mu");
        Objects.requireNonNull(logVar, "logVar");
        if (!mu.shape().equals(logVar.shape())) {
            throw new IllegalArgumentException("GaussianKL: mu " + mu.shape() + " and logVar " + logVar.shape()
                    + " must have the same shape");
        }
        if (mu.rank() == 0) {
            throw new IllegalArgumentException("GaussianKL: mu is a scalar; the first axis must be the batch");
        }
        Tensor terms = logVar.add(1.0).sub(mu.square()).sub(logVar.exp()).mul(-0.5);
        if (terms.rank() == 1) {
            return terms;
        }
        int[] axes = new int[terms.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return terms.sum(axes, false);
    }

    /** The batch mean of {@link #perSample}: a scalar, the KL term of a VAE's loss per sample. */
    public static Tensor mean(Tensor mu, Tensor logVar) {
        return perSample(mu, logVar).mean();
    }

    /** KL(N(mu, sigma^2) || N(0, 1)) for one dimension, closed form: {@code (mu^2 + sigma^2 - 1) / 2 - ln sigma}. */
    public static double closedForm(double mu, double sigma) {
        checkSigma(sigma);
        return 0.5 * (mu * mu + sigma * sigma - 1) - Math.log(sigma);
    }

    /**
     * The same divergence estimated as {@code E_q[log q(z) - log p(z)]} from {@code samples}
     * draws {@code z = mu + sigma * eps}; its error falls as 1 / sqrt(samples).
     */
    public static double monteCarlo(double mu, double sigma, int samples, Rng rng) {
        checkSigma(sigma);
        if (samples <= 0) {
            throw new IllegalArgumentException("GaussianKL: samples must be > 0, got " + samples);
        }
        Objects.requireNonNull(rng, "rng");
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            double eps = rng.nextGaussian();
            double z = mu + sigma * eps;
            // log q(z) - log p(z); the 1/2 ln(2 pi) terms cancel.
            sum += -Math.log(sigma) - 0.5 * eps * eps + 0.5 * z * z;
        }
        return sum / samples;
    }

    private static void checkSigma(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("GaussianKL: sigma must be a finite number > 0, got " + sigma);
        }
    }
}
