package jgrad.nn.gan;

import java.util.Objects;
import java.util.function.Function;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Layer;

/**
 * The WGAN-GP penalty (Gulrajani et al., NeurIPS 2017): {@code E[(||grad_xhat f(xhat)||_2 -
 * 1)^2]} at {@code xhat = eps x + (1 - eps) G(z)}, {@code eps ~ U[0, 1]} per sample. The input
 * gradient is taken on an inner {@link GradientTape} while the caller's tape is open, so its ops
 * are recorded there (PyTorch's {@code autograd.grad(create_graph=True)}) and the penalty's
 * gradient with respect to the critic's weights is a second derivative through every layer of
 * the critic. Call it inside the tape that computes the critic's loss:
 *
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     Tensor loss = wgan.discriminator(critic.call(real, true), critic.call(fake, true))
 *             .add(GradientPenalty.of(critic, real, fake, rng).mul(10));
 *     dOpt.apply(tape.gradient(loss, critic.trainableWeights()), critic.trainableWeights());
 * }
 * }</pre>
 *
 * The interpolates are constants for the outer tape (the paper's and the Keras example's
 * critic step does not train the generator through the penalty).
 */
public final class GradientPenalty {
    private GradientPenalty() {}

    /** The penalty and the per-sample input-gradient norms it came from ({@code [batch]}). */
    public record Result(Tensor penalty, Tensor norms) {}

    /** The penalty for a critic layer or model, run in training mode. */
    public static Tensor of(Layer critic, Tensor real, Tensor fake, Rng rng) {
        Objects.requireNonNull(critic, "GradientPenalty: critic is null");
        return compute(x -> critic.call(x, true), real, fake, rng).penalty();
    }

    /** The penalty for any critic function. */
    public static Tensor of(Function<Tensor, Tensor> critic, Tensor real, Tensor fake, Rng rng) {
        return compute(critic, real, fake, rng).penalty();
    }

    /** The penalty with the per-sample mixing weights drawn from {@code rng}. */
    public static Result compute(Function<Tensor, Tensor> critic, Tensor real, Tensor fake, Rng rng) {
        Objects.requireNonNull(rng, "GradientPenalty: rng is null");
        check(real, fake);
        int[] epsShape = new int[real.rank()];
        java.util.Arrays.fill(epsShape, 1);
        epsShape[0] = real.dim(0);
        Tensor eps = Tensor.randomUniform(rng, real.dtype(), 0, 1, epsShape);
        return compute(critic, real, fake, eps);
    }

    /**
     * The penalty at {@code xhat = eps real + (1 - eps) fake} for given mixing weights {@code eps}
     * (broadcastable to the batch, e.g. {@code [batch, 1, 1, 1]}); what the PyTorch fixture checks.
     */
    public static Result compute(Function<Tensor, Tensor> critic, Tensor real, Tensor fake, Tensor eps) {
        Objects.requireNonNull(critic, "GradientPenalty: critic is null");
        check(real, fake);
        Tensor xhat = eps.mul(real).add(eps.neg().add(1).mul(fake)).stopGradient();
        Tensor grad;
        try (GradientTape inner = new GradientTape()) {
            inner.watch(xhat);
            Tensor out = critic.apply(xhat);
            if (out.dim(0) != real.dim(0) || out.size() != real.dim(0)) {
                throw new IllegalArgumentException("GradientPenalty: the critic must give one score per sample, got "
                        + out.shape() + " for a batch of " + real.dim(0));
            }
            // d sum_i f(xhat_i) / d xhat_i = grad f(xhat_i): samples do not interact in a critic
            // without batch statistics (the paper drops batch normalisation for this reason).
            grad = inner.gradient(out, xhat);
        }
        if (grad == null) {
            throw new IllegalArgumentException("GradientPenalty: the critic's output does not depend on its input");
        }
        int[] axes = new int[grad.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        Tensor sq = axes.length == 0 ? grad.square() : grad.square().sum(axes, false);
        // sqrt has an infinite slope at 0; a sample whose gradient is exactly zero gets a zero
        // second derivative instead of NaN (torch.norm's convention), other samples are unchanged.
        Tensor norms = sq.maximum(1e-30).sqrt();
        return new Result(norms.sub(1).square().mean(), norms);
    }

    private static void check(Tensor real, Tensor fake) {
        Objects.requireNonNull(real, "GradientPenalty: real is null");
        Objects.requireNonNull(fake, "GradientPenalty: fake is null");
        if (!real.shape().equals(fake.shape()) || real.dtype() != fake.dtype()) {
            throw new IllegalArgumentException("GradientPenalty: real " + real.dtype() + " " + real.shape()
                    + " and fake " + fake.dtype() + " " + fake.shape() + " batches must have one shape and dtype");
        }
        if (real.rank() < 1 || real.dim(0) == 0) {
            throw new IllegalArgumentException("GradientPenalty: needs a non-empty batch, got " + real.shape());
        }
    }
}
