package jgrad.samples.autoencoder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Model;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.data.Dataset;
import jgrad.nn.layers.Dense;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.ImageGrid;

/**
 * Example 5.1 of notes 002: the fully connected MNIST autoencoder 784-256-128-64-32 and back
 * (ReLU, sigmoid output; 489,136 parameters, the encoder 244,192), trained with Adam and binary
 * cross-entropy. The encoder and the decoder are also separate models sharing its layers (the
 * decoder takes a 32-value code). Draws two test digits (a 7 and a 2), their codes as 8 x 4 and
 * their reconstructions, as the note's figure.
 */
public final class DenseAutoencoder {
    private DenseAutoencoder() {}

    record Result(String summary, long params, long encoderParams, double testMse, double firstLoss, double lastLoss,
            Model autoencoder, Model encoder, Model decoder, List<Path> pngs) {}

    /** The note's model, with the note's layer names (it was the notebook's second model). */
    static Model[] models() {
        SymbolicTensor input = Input.named("input_2", 784);
        int[] units = {256, 128, 64, 32, 64, 128, 256, 784};
        List<Dense> layers = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            layers.add(Dense.builder(units[i]).activation(i == units.length - 1 ? "sigmoid" : "relu")
                    .name("dense_" + (8 + i)).build());
        }
        SymbolicTensor h = input;
        SymbolicTensor code = null;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).call(h);
            if (i == 3) {
                code = h;
            }
        }
        Model autoencoder = Model.of(input, h, "autoencoder");
        Model encoder = Model.of(input, code, "encoder");
        // The decoder reuses the trained layers 5-8 on a new 32-value input.
        SymbolicTensor codeIn = Input.named("code", 32);
        SymbolicTensor d = codeIn;
        for (int i = 4; i < layers.size(); i++) {
            d = layers.get(i).call(d);
        }
        Model decoder = Model.of(codeIn, d, "decoder");
        return new Model[] {autoencoder, encoder, decoder};
    }

    static Result run(int epochs, int trainSize, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Model[] m = models();
        Model ae = m[0];
        String summary = ae.summaryString();
        out.print(summary);
        out.printf(Locale.ROOT, "Encoder: %,d parameters; decoder: %,d%n%n", m[1].countParams(), m[2].countParams());
        Dataset.Split s = AeSupport.mnist(seed);
        Tensor train = s.train().x().slice(0, 0, Math.min(trainSize, s.train().size()));
        Tensor test = s.test().x();
        ae.compile(new Adam(), "binary_crossentropy");
        // Batches of 128 on the full split; a short (quick) run takes smaller ones to make enough steps.
        int batch = train.dim(0) >= 4000 ? 128 : 32;
        var h = ae.fit(train, train, FitOptions.builder().epochs(epochs).batchSize(batch).shuffle(true).seed(seed)
                .verbose(0).output(out).build());
        List<Double> loss = h.get("loss");
        double mse = Pca.mse(test, ae.predict(test, 256));
        out.printf(Locale.ROOT, "compile('adam', 'binary_crossentropy'), %d epochs, batch %d, on %,d images: loss %.4f ->"
                + " %.4f; test MSE %.4f%n", epochs, batch, train.dim(0), loss.get(0), loss.get(loss.size() - 1), mse);
        // encoder then decoder = the autoencoder (they share the weights).
        Tensor codes = m[1].predict(test.slice(0, 0, 4));
        double diff = Pca.mse(m[2].predict(codes), ae.predict(test.slice(0, 0, 4)));
        out.printf(Locale.ROOT, "decoder(encoder(x)) vs autoencoder(x): mean squared difference %.1e%n", diff);
        List<Path> pngs = new ArrayList<>();
        if (outDir != null) {
            int[] seven = AeSupport.withLabel(s.test().y(), 7, true);
            int[] two = AeSupport.withLabel(s.test().y(), 2, true);
            Tensor x = Tensor.concat(List.of(test.slice(0, seven[0], seven[0] + 1), test.slice(0, two[0], two[0] + 1)),
                    0);
            Tensor code = m[1].predict(x);
            Tensor rec = ae.predict(x);
            pngs.add(AeSupport.sideBySide(List.of(
                    ImageGrid.of(AeSupport.images(x)).columns(1).range(0, 1).pixelSize(6).title("input").render(),
                    ImageGrid.of(code.reshape(2, 8, 4)).columns(1).symmetric().pixelSize(21).title("code 8x4").render(),
                    ImageGrid.of(AeSupport.images(rec)).columns(1).range(0, 1).pixelSize(6).title("reconstruction")
                            .render()), outDir.resolve("mnist_fc_autoencoder_output.png")));
            out.println("saved " + pngs.get(0));
        }
        return new Result(summary, ae.countParams(), m[1].countParams(), mse, loss.get(0), loss.get(loss.size() - 1),
                ae, m[1], m[2], pngs);
    }

    public static void main(String[] args) {
        AeSupport.Options o = AeSupport.parse("ae-dense", args);
        run(o.epochs(30, 2), o.quick() ? 2000 : 8000, o.seed(), System.out, o.out());
    }
}
