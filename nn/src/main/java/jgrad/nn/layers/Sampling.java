package jgrad.nn.layers;

import java.util.List;
import java.util.Map;
import jgrad.core.Rng;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.nn.Layer;
import jgrad.nn.losses.GaussianKL;

/**
 * The reparameterisation of a variational autoencoder, as the Keras "vae" example's
 * {@code Sampling} layer: called on {@code [mu, logVar]}, returns {@code z = mu + exp(logVar / 2)
 * * eps} with {@code eps ~ N(0, I)}, so gradients flow to mu and logVar (Kingma and Welling 2014).
 * It samples in inference too, as the example does. With {@code klWeight > 0} it also adds
 * {@code klWeight * }{@link GaussianKL#mean} to the layer's losses, so that {@code fit} trains a
 * functional VAE with an ordinary reconstruction loss (Keras 2's {@code add_loss} pattern).
 */
public final class Sampling extends Layer {
    private final Long seed;
    private final double klWeight;
    private final Rng rng;

    /** Unseeded (split from the global generator), adding no loss. */
    public Sampling() {
        this(null, 0, null);
    }

    /** Seeded, adding no loss. */
    public Sampling(long seed) {
        this(seed, 0, null);
    }

    /**
     * @param seed the noise generator's seed, or null for one split from {@link Rng#global()}
     * @param klWeight the weight of the KL term added to the layer's losses (0: none)
     * @param name the layer name, or null
     */
    public Sampling(Long seed, double klWeight, String name) {
        super(name);
        if (!(klWeight >= 0) || Double.isInfinite(klWeight)) {
            throw new IllegalArgumentException("Sampling: klWeight must be a finite number >= 0, got " + klWeight);
        }
        this.seed = seed;
        this.klWeight = klWeight;
        this.rng = seed == null ? Rng.global().split() : new Rng(seed);
    }

    public double klWeight() {
        return klWeight;
    }

    /** Its generator's state is saved with the model, so a resumed run draws the same masks. */
    @Override
    protected List<Rng> ownRandomGenerators() {
        return List.of(rng);
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        check(inputShapes);
    }

    @Override
    protected List<Tensor> forward(List<Tensor> inputs, boolean training) {
        check(inputs.stream().map(t -> t.shape()).toList());
        Tensor mu = inputs.get(0);
        Tensor logVar = inputs.get(1);
        Tensor eps = Tensor.randomNormal(rng, mu.dtype(), 0, 1, mu.shape().dims());
        if (klWeight > 0) {
            Tensor kl = GaussianKL.mean(mu, logVar);
            addLoss(klWeight == 1 ? kl : kl.mul(klWeight));
        }
        return List.of(mu.add(logVar.mul(0.5).exp().mul(eps)));
    }

    @Override
    protected List<Shape> computeOutputShapes(List<Shape> inputShapes) {
        check(inputShapes);
        return List.of(inputShapes.get(0));
    }

    private void check(List<Shape> shapes) {
        if (shapes.size() != 2) {
            throw new IllegalArgumentException("layer '" + name() + "' (Sampling) takes two inputs [mu, logVar], got "
                    + shapes.size());
        }
        if (!shapes.get(0).equals(shapes.get(1))) {
            throw new IllegalArgumentException("layer '" + name() + "' (Sampling): mu " + shapes.get(0)
                    + " and logVar " + shapes.get(1) + " must have the same shape");
        }
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("seed", seed);
        m.put("kl_weight", klWeight);
        return m;
    }

    public static Sampling fromConfig(Map<String, Object> c) {
        Object s = c.get("seed");
        return new Sampling(s == null ? null : ((Number) s).longValue(), LayerConfig.number(c, "kl_weight", 0),
                (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return klWeight > 0 ? "kl_weight=" + klWeight : "";
    }
}
