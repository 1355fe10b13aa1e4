package jgrad.samples.autoencoder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.conv.Conv2DTranspose;
import jgrad.nn.layers.pooling.MaxPooling2D;
import jgrad.nn.layers.reshaping.UpSampling2D;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.ImageGrid;

/**
 * Notes 002, 5.2.2: the transposed convolution by hand (Examples 5.2 and 5.3, stride 1 and 2)
 * through Conv2DTranspose, then two convolutional autoencoders on MNIST (Chollet's Keras blog):
 * Conv2D(32, 3, relu, same) and MaxPooling2D(2, same) twice, mirrored once with
 * Conv2DTranspose(32, 3, strides 2) and once with UpSampling2D(2) + Conv2D(32, 3), a sigmoid
 * Conv2D(1, 3) output and binary cross-entropy; their test MSE beside PCA with 32 components.
 */
public final class ConvAutoencoders {
    private ConvAutoencoders() {}

    record Examples(double[][] ex52, double[][] ex53, double[][] ex52s2, double[][] ex53s2) {}

    record Result(Examples examples, double transposeMse, double upsamplingMse, double pca32Mse, long transposeParams,
            long upsamplingParams, List<Path> pngs) {}

    /** {@code Conv2DTranspose(1, k, strides, 'valid', use_bias=False)} of x with kernel k, as the note defines it. */
    static double[][] transposed(double[][] x, double[][] k, int strides) {
        Conv2DTranspose t = Conv2DTranspose.builder(1, k.length, k[0].length).strides(strides, strides)
                .padding("valid").useBias(false).build();
        t.setDtype(DType.FLOAT64);
        Tensor in = Tensor.of(x).reshape(1, x.length, x[0].length, 1);
        t.call(in);
        t.setWeights(List.of(Tensor.of(k).reshape(k.length, k[0].length, 1, 1)));
        Tensor out = t.call(in);
        return out.reshape(out.dim(1), out.dim(2)).toDoubleArray2D();
    }

    static Examples examples(PrintStream out) {
        double[][] x52 = {{2, 0}, {5, 1}};
        double[][] k52 = {{1, 2}, {2, 3}};
        double[][] x53 = {{1, 2}, {2, 1}};
        double[][] k53 = {{1, 2, 3}, {3, 1, 2}, {2, 1, 3}};
        Examples e = new Examples(transposed(x52, k52, 1), transposed(x53, k53, 1), transposed(x52, k52, 2),
                transposed(x53, k53, 2));
        out.println("Example 5.2: x = [[2 0] [5 1]], k = [[1 2] [2 3]], Conv2DTranspose stride 1 (the kernel is not"
                + " flipped):");
        print(e.ex52(), out);
        out.println("Example 5.3: x = [[1 2] [2 1]], k = [[1 2 3] [3 1 2] [2 1 3]], stride 1:");
        print(e.ex53(), out);
        out.println("Example 5.2 with stride 2:");
        print(e.ex52s2(), out);
        out.println("Example 5.3 with stride 2:");
        print(e.ex53s2(), out);
        return e;
    }

    private static void print(double[][] m, PrintStream out) {
        for (double[] row : m) {
            StringBuilder sb = new StringBuilder("  ");
            for (double v : row) {
                sb.append(String.format(Locale.ROOT, "%4.0f", v));
            }
            out.println(sb);
        }
    }

    /** The shared encoder: Conv2D(32, 3, relu, same), MaxPooling2D(2, same), twice; 28x28x1 to 7x7x32. */
    private static List<Layer> encoder() {
        return List.of(
                Conv2D.builder(32, 3, 3).activation("relu").padding("same").inputShape(28, 28, 1).build(),
                MaxPooling2D.builder(2, 2).padding("same").build(),
                Conv2D.builder(32, 3, 3).activation("relu").padding("same").build(),
                MaxPooling2D.builder(2, 2).padding("same").build());
    }

    /** The autoencoder of Chollet's blog with a Conv2DTranspose decoder (28,353 parameters). */
    static Sequential transposeModel() {
        List<Layer> l = new ArrayList<>(encoder());
        l.add(Conv2DTranspose.builder(32, 3, 3).strides(2, 2).activation("relu").padding("same").build());
        l.add(Conv2DTranspose.builder(32, 3, 3).strides(2, 2).activation("relu").padding("same").build());
        l.add(Conv2D.builder(1, 3, 3).activation("sigmoid").padding("same").build());
        return new Sequential(l.toArray(new Layer[0]));
    }

    /** The same with UpSampling2D(2) + Conv2D(32, 3, relu, same) in place of each transposed convolution. */
    static Sequential upsamplingModel() {
        List<Layer> l = new ArrayList<>(encoder());
        l.add(new UpSampling2D(2));
        l.add(Conv2D.builder(32, 3, 3).activation("relu").padding("same").build());
        l.add(new UpSampling2D(2));
        l.add(Conv2D.builder(32, 3, 3).activation("relu").padding("same").build());
        l.add(Conv2D.builder(1, 3, 3).activation("sigmoid").padding("same").build());
        return new Sequential(l.toArray(new Layer[0]));
    }

    /** Trains {@code model} to map {@code in} to {@code target} with Adam and BCE; returns the test MSE. */
    static double train(Sequential model, Tensor in, Tensor target, Tensor testIn, Tensor testTarget, int epochs,
            long seed, PrintStream out) {
        // Batches of 128 as the blog; a short (quick) run takes smaller ones to make enough steps.
        return train(model, in, target, testIn, testTarget, epochs, in.dim(0) >= 4000 ? 128 : 16, seed, out);
    }

    /** {@link #train} with batches of {@code batch}. */
    static double train(Sequential model, Tensor in, Tensor target, Tensor testIn, Tensor testTarget, int epochs,
            int batch, long seed, PrintStream out) {
        model.compile(new Adam(), "binary_crossentropy");
        long t0 = System.nanoTime();
        model.fit(in, target, FitOptions.builder().epochs(epochs).batchSize(batch).seed(seed).verbose(0).output(out)
                .build());
        double s = (System.nanoTime() - t0) / 1e9;
        double mse = Pca.mse(testTarget, model.predict(testIn, 256));
        out.printf(Locale.ROOT, "  %d epochs on %,d images, batch %d, in %.1f s (%.0f images/s); test MSE %.4f%n",
                epochs, in.dim(0), batch, s, epochs * in.dim(0) / s, mse);
        return mse;
    }

    static Result run(int epochs, int trainSize, long seed, PrintStream out, Path outDir) {
        Layer.resetNames();
        Rng.setGlobalSeed(seed);
        Examples ex = examples(out);
        Dataset.Split s = AeSupport.mnist(seed);
        Tensor train = AeSupport.images(s.train().x().slice(0, 0, Math.min(trainSize, s.train().size())));
        Tensor test = AeSupport.images(s.test().x());
        out.printf(Locale.ROOT, "%nMNIST: %,d training images, %,d test images%n", train.dim(0), test.dim(0));
        Pca pca = Pca.fit(s.train().x().slice(0, 0, train.dim(0)), 32);
        double pcaMse = Pca.mse(s.test().x(), pca.reconstruct(s.test().x()));
        out.printf(Locale.ROOT, "PCA with 32 components (fit on the training images): test MSE %.4f%n%n", pcaMse);

        Sequential a = transposeModel();
        a.summary(out);
        out.println("Conv2DTranspose decoder:");
        double mseA = train(a, train, train, test, test, epochs, seed, out);
        out.println();
        Sequential b = upsamplingModel();
        b.summary(out);
        out.println("UpSampling2D + Conv2D decoder:");
        double mseB = train(b, train, train, test, test, epochs, seed, out);
        out.printf(Locale.ROOT, "%nTest MSE: Conv2DTranspose %.4f, UpSampling2D + Conv2D %.4f, PCA-32 %.4f%n", mseA, mseB,
                pcaMse);
        List<Path> pngs = new ArrayList<>();
        if (outDir != null) {
            Tensor digits = test.slice(0, 0, 10);
            Tensor rows = Tensor.concat(List.of(digits, a.predict(digits), b.predict(digits)), 0);
            pngs.add(ImageGrid.of(rows).columns(10).range(0, 1).pixelSize(2)
                    .title("Test digits; Conv2DTranspose; UpSampling2D + Conv2D").save(outDir.resolve("conv_ae.png")));
            out.println("saved " + pngs.get(0));
        }
        return new Result(ex, mseA, mseB, pcaMse, a.countParams(), b.countParams(), pngs);
    }

    public static void main(String[] args) {
        AeSupport.Options o = AeSupport.parse("ae-conv", args);
        run(o.epochs(10, 1), o.quick() ? 1000 : 8000, o.seed(), System.out, o.out());
    }
}
