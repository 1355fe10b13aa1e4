package jgrad.samples.autoencoder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Batch;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.data.Dataset;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.Reshape;
import jgrad.nn.layers.Sampling;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.conv.Conv2DTranspose;
import jgrad.nn.losses.GaussianKL;
import jgrad.nn.metrics.Mean;
import jgrad.nn.metrics.Metric;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.ImageGrid;
import jgrad.nn.plot.ScatterPlot;

/**
 * Course 6-4: the variational autoencoder (Kingma and Welling 2014) with a 2-D latent space on
 * MNIST, written as the Keras 3 "vae" example: an encoder model with outputs [mu, logVar, z]
 * (a {@link Sampling} layer), a decoder model, and a {@code VAE} model whose overridden
 * {@code trainStep} minimises the summed binary cross-entropy per image plus the KL term. First
 * the KL check of SEEDS-4-8 (closed form 0.818147 against Monte Carlo). By default the encoder
 * and decoder are Keras 2's MLP example (784-512-2, 2-512-784), fast on a CPU; {@code --conv}
 * takes the Keras 3 example's convolutional pair. Saves the latent means of the test images
 * coloured by digit and the decoded 2-D manifold.
 */
public final class Vae {
    private Vae() {}

    /** The VAE of the Keras example: the loss is computed in its own train step. */
    static final class VaeModel extends Model {
        final Model encoder;
        final Model decoder;
        final Mean total = new Mean("loss");
        final Mean reconstruction = new Mean("reconstruction_loss");
        final Mean kl = new Mean("kl_loss");
        double firstStepLoss = Double.NaN;

        VaeModel(Model encoder, Model decoder) {
            super("vae");
            this.encoder = addSublayer(encoder);
            this.decoder = addSublayer(decoder);
        }

        @Override
        protected Tensor forward(Tensor x, boolean training) {
            return decoder.call(encoder.callAll(List.of(x), training).get(2), training);
        }

        /** Binary cross-entropy summed over each image's pixels, then the batch mean (Keras clips to 1e-7). */
        static Tensor reconstructionLoss(Tensor x, Tensor r) {
            Tensor p = r.clip(1e-7, 1 - 1e-7);
            Tensor bce = x.mul(p.log()).add(x.neg().add(1).mul(p.neg().add(1).log())).neg();
            int[] axes = new int[bce.rank() - 1];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i + 1;
            }
            return bce.sum(axes, false).mean();
        }

        @Override
        protected Map<String, Double> trainStep(Batch batch) {
            Tensor x = batch.x();
            List<Variable> vars = trainableWeights();
            Tensor rec;
            Tensor klLoss;
            Tensor loss;
            List<Tensor> grads;
            try (GradientTape tape = new GradientTape()) {
                List<Tensor> enc = encoder.callAll(List.of(x), true);
                Tensor r = decoder.call(enc.get(2), true);
                rec = reconstructionLoss(x, r);
                klLoss = GaussianKL.mean(enc.get(0), enc.get(1));
                loss = rec.add(klLoss);
                grads = tape.gradient(loss, vars);
            }
            optimizer().apply(grads, vars);
            if (Double.isNaN(firstStepLoss)) {
                firstStepLoss = loss.item();
            }
            int n = batch.size();
            total.updateValue(loss.item(), n);
            reconstruction.updateValue(rec.item(), n);
            kl.updateValue(klLoss.item(), n);
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", total.result());
            logs.put("reconstruction_loss", reconstruction.result());
            logs.put("kl_loss", kl.result());
            return logs;
        }

        @Override
        protected List<Metric> trainStepMetrics() {
            return List.of(total, reconstruction, kl);
        }
    }

    /** Keras 2's MLP VAE: 784-512-(2, 2) and 2-512-784. */
    static Model[] mlp(long seed) {
        SymbolicTensor in = Input.named("encoder_input", 784);
        SymbolicTensor h = new Dense(512, "relu").call(in);
        SymbolicTensor mu = Dense.builder(2).name("z_mean").build().call(h);
        SymbolicTensor lv = Dense.builder(2).name("z_log_var").build().call(h);
        SymbolicTensor z = new Sampling(seed, 0, "z").call(mu, lv);
        Model encoder = Model.of(List.of(in), List.of(mu, lv, z), "encoder");
        SymbolicTensor zin = Input.named("z_sampling", 2);
        SymbolicTensor out = new Dense(784, "sigmoid").call(new Dense(512, "relu").call(zin));
        return new Model[] {encoder, Model.of(zin, out, "decoder")};
    }

    /** The Keras 3 example's convolutional encoder and decoder (28x28x1 images). */
    static Model[] conv(long seed) {
        SymbolicTensor in = Input.named("encoder_input", 28, 28, 1);
        SymbolicTensor h = Conv2D.builder(32, 3, 3).activation("relu").strides(2, 2).padding("same").build().call(in);
        h = Conv2D.builder(64, 3, 3).activation("relu").strides(2, 2).padding("same").build().call(h);
        h = new Dense(16, "relu").call(new Flatten().call(h));
        SymbolicTensor mu = Dense.builder(2).name("z_mean").build().call(h);
        SymbolicTensor lv = Dense.builder(2).name("z_log_var").build().call(h);
        SymbolicTensor z = new Sampling(seed, 0, "z").call(mu, lv);
        Model encoder = Model.of(List.of(in), List.of(mu, lv, z), "encoder");
        SymbolicTensor zin = Input.named("z_sampling", 2);
        SymbolicTensor d = new Reshape(7, 7, 64).call(new Dense(7 * 7 * 64, "relu").call(zin));
        d = Conv2DTranspose.builder(64, 3, 3).activation("relu").strides(2, 2).padding("same").build().call(d);
        d = Conv2DTranspose.builder(32, 3, 3).activation("relu").strides(2, 2).padding("same").build().call(d);
        d = Conv2DTranspose.builder(1, 3, 3).activation("sigmoid").padding("same").build().call(d);
        return new Model[] {encoder, Model.of(zin, d, "decoder")};
    }

    record Result(double klClosed, double klMonteCarlo, double firstStepLoss, List<Double> epochLoss, double testLoss,
            List<Path> pngs) {}

    static Result run(boolean convolutional, int epochs, int trainSize, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        double closed = GaussianKL.closedForm(1, 0.5);
        double mc = GaussianKL.monteCarlo(1, 0.5, 100_000, new Rng(seed));
        out.printf(Locale.ROOT, "KL(N(1, 0.5^2) || N(0, 1)): closed form %.6f (SEEDS-4-8: 0.818147), Monte Carlo with"
                + " 1e5 samples %.6f (difference %.4f)%n%n", closed, mc, Math.abs(mc - closed));
        Model[] m = convolutional ? conv(seed) : mlp(seed);
        m[0].summary(out);
        m[1].summary(out);
        VaeModel vae = new VaeModel(m[0], m[1]);
        Dataset.Split s = AeSupport.mnist(seed);
        Tensor train = s.train().x().slice(0, 0, Math.min(trainSize, s.train().size()));
        Tensor test = s.test().x();
        if (convolutional) {
            train = AeSupport.images(train);
            test = AeSupport.images(test);
        }
        vae.compile(new Adam());
        long t0 = System.nanoTime();
        History h = vae.fit(train, FitOptions.builder().epochs(epochs).batchSize(128).seed(seed).verbose(0).output(out)
                .build());
        double sec = (System.nanoTime() - t0) / 1e9;
        List<Double> loss = h.get("loss");
        out.printf(Locale.ROOT, "%n%s VAE, Adam, batch 128, %d epochs on %,d images (%.1f s)%n",
                convolutional ? "Convolutional" : "MLP", epochs, train.dim(0), sec);
        out.printf(Locale.ROOT, "loss per image: first step %.1f (784 ln 2 = 543.4), epoch 1 %.1f, last epoch %.1f"
                + " (reconstruction %.1f + KL %.2f)%n", vae.firstStepLoss, loss.get(0), loss.get(loss.size() - 1),
                h.last("reconstruction_loss"), h.last("kl_loss"));
        List<Tensor> enc = m[0].predictAll(List.of(test), 256);
        Tensor rec = m[1].predict(enc.get(2), 256);
        double testLoss = VaeModel.reconstructionLoss(test, rec).item() + GaussianKL.mean(enc.get(0), enc.get(1)).item();
        out.printf(Locale.ROOT, "held-out images: loss per image %.1f%n", testLoss);
        List<Path> pngs = new ArrayList<>();
        if (outDir != null) {
            pngs.add(ScatterPlot.titled((convolutional ? "Convolutional" : "MLP") + " VAE, " + epochs
                    + " epochs: latent means of the test images, by digit").xLabel("z[0]").yLabel("z[1]")
                    .markerSize(4).classes(enc.get(0), s.test().y(), "digit ").save(outDir.resolve("vae_latent.png")));
            // The grid spans where the encoder puts the test images (2nd to 98th percentile of each
            // latent mean), not a fixed [-2, 2]^2: after a short run (--quick: 48 steps) the KL term
            // has not yet pulled the codes onto the prior, they sit around (3.5, -3), and a fixed
            // square around 0 decodes only the grey blur between digits.
            int g = 15;
            double[][] r = latentRange(enc.get(0), 0.02, 0.98);
            double[] grid = new double[g * g * 2];
            for (int i = 0; i < g; i++) {
                for (int j = 0; j < g; j++) {
                    grid[2 * (i * g + j)] = r[0][0] + (r[0][1] - r[0][0]) * j / (g - 1);
                    grid[2 * (i * g + j) + 1] = r[1][1] - (r[1][1] - r[1][0]) * i / (g - 1);
                }
            }
            Tensor decoded = m[1].predict(Tensor.fromFlat(grid, g * g, 2).cast(train.dtype()), 256);
            pngs.add(ImageGrid.of(AeSupport.images(decoded.reshape(g * g, 784))).columns(g).gap(0).range(0, 1)
                    .pixelSize(1).title(String.format(Locale.ROOT, "%s VAE, %d epochs: decoded z over the test images'"
                            + " codes, z[0] %.1f to %.1f (left to right), z[1] %.1f to %.1f (bottom to top)",
                            convolutional ? "Convolutional" : "MLP", epochs, r[0][0], r[0][1], r[1][0], r[1][1]))
                    .save(outDir.resolve("vae_manifold.png")));
            for (Path p : pngs) {
                out.println("saved " + p);
            }
        }
        return new Result(closed, mc, vae.firstStepLoss, loss, testLoss, pngs);
    }

    /** {{lo, hi} of z[0], {lo, hi} of z[1]}: the given quantiles of each column of {@code codes} ([n, 2]). */
    static double[][] latentRange(Tensor codes, double lo, double hi) {
        double[][] out = new double[2][];
        for (int k = 0; k < 2; k++) {
            double[] v = codes.slice(1, k, k + 1).cast(jgrad.core.DType.FLOAT64).toDoubleArray();
            java.util.Arrays.sort(v);
            double a = v[(int) Math.round(lo * (v.length - 1))];
            double b = v[(int) Math.round(hi * (v.length - 1))];
            out[k] = b > a ? new double[] {a, b} : new double[] {a - 1, a + 1};
        }
        return out;
    }

    public static void main(String[] args) {
        AeSupport.Options o = AeSupport.parse("vae-mnist", args);
        // The MLP trains at about 2,400 images/s here (50 epochs: under 3 minutes), the
        // convolutional pair at 740-2,200 (with the load): 25 epochs, which reach the 150-175 band.
        // --quick: the MLP gets 12 epochs on 2,000 images (192 steps, 10-40 s): after 3 (48 steps, loss 229)
        // the decoder draws one blurred mean digit everywhere; after 12 (loss 186) the manifold shows 0, 1, 7, 9.
        run(o.conv(), o.epochs(o.conv() ? 25 : 50, o.conv() ? 3 : 12), o.quick() ? 2000 : 8000, o.seed(), System.out,
                o.out());
    }
}
