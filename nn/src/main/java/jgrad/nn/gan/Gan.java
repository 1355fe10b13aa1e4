package jgrad.nn.gan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Scope;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Batch;
import jgrad.nn.Model;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.metrics.Mean;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.optimizers.DifferentiableAdam;
import jgrad.nn.optimizers.DifferentiableOptimizer;
import jgrad.nn.optimizers.DifferentiableSGD;
import jgrad.nn.optimizers.Optimizer;
import jgrad.nn.optimizers.SGD;

/**
 * A generator and a discriminator (critic) trained against each other by {@code fit} on real
 * samples alone, the Keras "dcgan"/"wgan_gp" examples' {@code GAN(keras.Model)} with its
 * {@code train_step}:
 *
 * <pre>{@code
 * Gan gan = new Gan(generator, discriminator, 100);
 * gan.compile(new Adam(1e-4), new Adam(1e-4), new NonSaturatingLoss());
 * gan.fit(images, FitOptions.builder().epochs(5).batchSize(64).build()); // prints d_loss, g_loss
 * }</pre>
 *
 * <p>Each batch of {@code fit} is one discriminator step: noise {@code z ~ N(0, 1)} of
 * {@code [batch, latentDim]}, fakes {@code G(z)} (not differentiated), the loss's discriminator
 * half on {@code D(real)} and {@code D(fake)}, plus {@code lambda} times the
 * {@link GradientPenalty} if {@link #gradientPenalty(double)} is set (WGAN-GP), applied with the
 * discriminator's optimizer (the one given to {@code compile} first; its constraints, e.g.
 * {@link ClipConstraint}, act after each step). Every {@link #nCritic(int)}-th batch is also a
 * generator step on fresh noise, so the critic sees a new real batch in each of its steps as in
 * Arjovsky et al.'s and Gulrajani et al.'s algorithms. With {@link #unroll(int)} the generator's
 * loss is taken after k differentiable steps of the discriminator's optimizer on the current
 * batch (Metz et al., the Unrolled GAN; {@link DifferentiableOptimizer}), so its gradient
 * includes how the discriminator would react; that loss is {@link GanLoss#unrolledGenerator}, the
 * whole game value at the unrolled weights for the zero-sum losses. Progress lines show {@code d_loss} and
 * {@code g_loss} (epoch means; {@code gp} with a penalty).
 */
public class Gan extends Model {
    private final Model generator;
    private final Model discriminator;
    private final int latentDim;
    private final Shape sampleShape;
    private Optimizer generatorOptimizer;
    private GanLoss loss;
    private int nCritic = 1;
    private double penaltyWeight;
    private int unrollSteps;
    private boolean simultaneous;
    private Rng rng = new Rng(0);
    private long criticSteps;
    private long generatorSteps;
    private Tensor lastNorms;
    private final Mean dLoss = new Mean("d_loss");
    private final Mean gLoss = new Mean("g_loss");
    private final Mean gp = new Mean("gp");

    /**
     * @param generator maps {@code [batch, latentDim]} noise to samples
     * @param discriminator maps samples to one score (logit, or critic value) per sample
     * @param latentDim the noise dimension
     */
    public Gan(Model generator, Model discriminator, int latentDim) {
        super("gan");
        this.generator = Objects.requireNonNull(generator, "Gan: generator is null");
        this.discriminator = Objects.requireNonNull(discriminator, "Gan: discriminator is null");
        if (latentDim < 1) {
            throw new IllegalArgumentException("Gan: latentDim must be >= 1, got " + latentDim);
        }
        this.latentDim = latentDim;
        this.sampleShape = checkShapes(generator, discriminator, latentDim);
        addSublayer(generator);
        addSublayer(discriminator);
    }

    /** G's per-sample output shape, checked against D's input shape. */
    private static Shape checkShapes(Model g, Model d, int latentDim) {
        Tensor probe;
        try (Scope _ = GradientTape.noGrad()) {
            probe = g.call(Tensor.zeros(g.dtype(), 1, latentDim), false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Gan: the generator '" + g.name() + "' does not take noise of shape ["
                    + latentDim + "]: " + e.getMessage(), e);
        }
        int[] dims = probe.shape().dims();
        Shape out = Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length));
        List<SymbolicTensor> ins = d.inputs();
        if (!ins.isEmpty()) {
            Shape want = ins.get(0).shape();
            boolean ok = want.rank() == out.rank();
            for (int i = 0; ok && i < want.rank(); i++) {
                ok = want.get(i) < 0 || want.get(i) == out.get(i);
            }
            if (!ok) {
                throw new IllegalArgumentException("Gan: the generator '" + g.name() + "' makes samples of shape "
                        + out + ", the discriminator '" + d.name() + "' takes inputs of shape " + want);
            }
        } else {
            try (Scope _ = GradientTape.noGrad()) {
                d.call(probe, false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Gan: the generator '" + g.name() + "' makes samples of shape "
                        + out + ", which the discriminator '" + d.name() + "' does not take: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Sets the discriminator's and the generator's optimizers and the GAN loss ({@code fit} then
     * needs no targets).
     */
    public void compile(Optimizer discriminatorOptimizer, Optimizer generatorOptimizer, GanLoss loss) {
        Objects.requireNonNull(generatorOptimizer, "Gan.compile: generatorOptimizer is null");
        Objects.requireNonNull(loss, "Gan.compile: loss is null");
        if (discriminatorOptimizer == generatorOptimizer) {
            throw new IllegalArgumentException("Gan.compile: the discriminator and the generator need optimizers of"
                    + " their own (their state is per variable and their steps are counted apart)");
        }
        super.compile(discriminatorOptimizer);
        this.generatorOptimizer = generatorOptimizer;
        this.loss = loss;
    }

    /** Discriminator (critic) steps per generator step: 1 by default, 5 for WGAN and WGAN-GP. */
    public Gan nCritic(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Gan: nCritic (discriminator steps per generator step) must be >= 1,"
                    + " got " + n);
        }
        this.nCritic = n;
        return this;
    }

    /** Adds {@code weight} times the WGAN-GP gradient penalty to the critic's loss (10 in the paper); 0 turns it off. */
    public Gan gradientPenalty(double weight) {
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("Gan: the gradient penalty weight must be a finite number >= 0, got "
                    + weight);
        }
        this.penaltyWeight = weight;
        return this;
    }

    /**
     * The generator's loss after {@code steps} differentiable steps of the discriminator's
     * optimizer (SGD or Adam, continuing from its state); 0 (default) is the plain GAN.
     */
    public Gan unroll(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("Gan: unroll steps must be >= 0, got " + steps);
        }
        this.unrollSteps = steps;
        return this;
    }

    /**
     * Simultaneous steps (nCritic 1 only): the generator's step, and its unroll, start from the
     * discriminator's weights and optimizer state before this batch's discriminator step, which is
     * applied after it, and both players use the same noise: the Unrolled GAN notebook runs both
     * train ops in one {@code session.run}. Off by default: the discriminator steps first and the
     * generator answers the updated discriminator on fresh noise, as in the Keras examples.
     */
    public Gan simultaneous(boolean on) {
        this.simultaneous = on;
        return this;
    }

    /** Seeds the noise and the penalty's mixing weights. */
    public Gan seed(long seed) {
        this.rng = new Rng(seed);
        return this;
    }

    public Model generator() {
        return generator;
    }

    public Model discriminator() {
        return discriminator;
    }

    public int latentDim() {
        return latentDim;
    }

    /** The per-sample shape of the generator's samples. */
    public Shape sampleShape() {
        return sampleShape;
    }

    public Optimizer generatorOptimizer() {
        return generatorOptimizer;
    }

    public GanLoss ganLoss() {
        return loss;
    }

    /** The per-sample input-gradient norms of the last penalised critic step (null without a penalty). */
    public Tensor lastGradientNorms() {
        return lastNorms;
    }

    /** {@code n} noise vectors {@code N(0, 1)} from this GAN's generator. */
    public Tensor noise(int n) {
        return Tensor.randomNormal(rng, generator.dtype(), 0, 1, n, latentDim);
    }

    /** {@code n} samples of the generator in inference mode. */
    public Tensor sample(int n) {
        return generator.predict(noise(n), 256);
    }

    /** The generator: a GAN called on noise gives samples. */
    @Override
    protected Tensor forward(Tensor z, boolean training) {
        return generator.call(z, training);
    }

    @Override
    protected Map<String, Double> trainStep(Batch batch) {
        if (loss == null) {
            throw new IllegalStateException("Gan '" + name() + "': compile it with compile(discriminatorOptimizer,"
                    + " generatorOptimizer, loss) first");
        }
        Tensor real = batch.x();
        int n = real.dim(0);
        int[] dims = real.shape().dims();
        if (!Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length)).equals(sampleShape)) {
            throw new IllegalArgumentException("Gan '" + name() + "': real samples of shape " + real.shape()
                    + " do not match the generator's samples " + sampleShape);
        }
        if (simultaneous) {
            if (nCritic != 1) {
                throw new IllegalArgumentException("Gan '" + name() + "': simultaneous steps need nCritic 1, got "
                        + nCritic);
            }
            // both players step from this batch's weights on the same noise (one session.run of both train ops)
            Tensor z = noise(n);
            DiscriminatorGradients dg = discriminatorGradients(real, z);
            gLoss.updateValue(generatorStep(real, z), n);
            generatorSteps++;
            optimizer().apply(dg.grads(), dg.vars());
            dLoss.updateValue(dg.loss(), n);
            criticSteps++;
        } else {
            DiscriminatorGradients dg = discriminatorGradients(real, noise(n));
            optimizer().apply(dg.grads(), dg.vars());
            dLoss.updateValue(dg.loss(), n);
            criticSteps++;
            if (criticSteps % nCritic == 0) {
                gLoss.updateValue(generatorStep(real, noise(n)), n);
                generatorSteps++;
            }
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("d_loss", dLoss.result());
        logs.put("g_loss", generatorSteps == 0 ? Double.NaN : gLoss.result());
        if (penaltyWeight > 0) {
            logs.put("gp", gp.result());
        }
        return logs;
    }

    private record DiscriminatorGradients(List<Tensor> grads, List<Variable> vars, double loss) {}

    private DiscriminatorGradients discriminatorGradients(Tensor real, Tensor z) {
        int n = real.dim(0);
        Tensor fake = generator.call(z, true).stopGradient();
        List<Variable> vars = discriminator.trainableWeights();
        Tensor total;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            Tensor realOut = discriminator.call(real, true);
            Tensor fakeOut = discriminator.call(fake, true);
            requireScores(realOut, n);
            total = loss.discriminator(realOut, fakeOut);
            if (penaltyWeight > 0) {
                GradientPenalty.Result r = GradientPenalty.compute(x -> discriminator.call(x, true), real, fake, rng);
                total = total.add(r.penalty().mul(penaltyWeight));
                gp.updateValue(r.penalty().item(), n);
                lastNorms = r.norms().stopGradient();
            }
            grads = tape.gradient(total, vars);
        }
        return new DiscriminatorGradients(grads, vars, total.item());
    }

    private double generatorStep(Tensor real, Tensor z) {
        List<Variable> vars = generator.trainableWeights();
        Tensor value;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            Tensor fake = generator.call(z, true);
            if (unrollSteps > 0) {
                DifferentiableOptimizer.Unroll u = differentiable(optimizer()).start(discriminator.trainableWeights());
                for (int k = 0; k < unrollSteps; k++) {
                    u.step(() -> loss.discriminator(discriminator.call(real, true), discriminator.call(fake, true)));
                }
                try (Scope _ = u.substitute()) {
                    // f(theta_G, theta_D^K): for a zero-sum loss its real half depends on G through theta_D^K
                    value = loss.unrolledGenerator(discriminator.call(real, true), discriminator.call(fake, true));
                }
            } else {
                value = loss.generator(discriminator.call(fake, true));
            }
            grads = tape.gradient(value, vars);
        }
        generatorOptimizer.apply(grads, vars);
        return value.item();
    }

    private void requireScores(Tensor out, int n) {
        if (out.size() != n) {
            throw new IllegalArgumentException("Gan: the discriminator '" + discriminator.name() + "' must give one"
                    + " score per sample, got " + out.shape() + " for a batch of " + n);
        }
    }

    /** The discriminator optimizer's rule as a differentiable step. */
    static DifferentiableOptimizer differentiable(Optimizer opt) {
        if (opt instanceof SGD s) {
            return DifferentiableSGD.of(s);
        }
        if (opt.getClass() == Adam.class) {
            return DifferentiableAdam.of((Adam) opt);
        }
        throw new IllegalArgumentException("Gan.unroll: unrolled steps are written for SGD and Adam, the"
                + " discriminator's optimizer is " + opt.name());
    }

    @Override
    protected List<Metric> trainStepMetrics() {
        return List.of(dLoss, gLoss, gp);
    }
}
