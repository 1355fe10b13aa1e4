package jgrad.samples.cnn;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.plot.ImageGrid;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/**
 * Example 4.6 of notes 002: edge detection with the kernel [[-1,-1,-1],[-1,8,-1],[-1,-1,-1]] and
 * "same" padding, shown as imshow does with {@code vmin=0, vmax=1}. The note's photo (kb.jpg) is
 * not available, so an MNIST test digit stands in; the kernel is symmetric, so SciPy's
 * {@code convolve2d} in the note and the layer's cross-correlation agree. A direct loop checks
 * the layer, and the input and its edges are saved side by side as a PNG.
 */
public final class EdgeDetection {
    private EdgeDetection() {}

    /** The digit, the layer's output, and the largest difference from a plain loop. */
    record Result(int index, long label, Tensor image, Tensor edges, double maxLoopDifference, double flatShare) {}

    static Result compute(int index) {
        jgrad.nn.data.Dataset mnist = SampleData.mnistTest();
        if (index < 0 || index >= mnist.size()) {
            throw new Args.UsageException("edge-detection: --index must be 0 to " + (mnist.size() - 1) + ", got "
                    + index);
        }
        Tensor image = mnist.x().slice(0, index, index + 1).reshape(28, 28);
        long label = mnist.y().getLong(index);
        Conv2D conv = Conv2D.builder(1, 3).padding("same").useBias(false).build();
        Sequential m = new Sequential(Input.of(28, 28, 1), conv);
        conv.setWeights(List.of(CrossCorrelation.f32(Tensor.of(CrossCorrelation.K_43)).reshape(3, 3, 1, 1)));
        Tensor edges = m.predict(image.reshape(1, 28, 28, 1)).reshape(28, 28);
        double[][] x = image.toDoubleArray2D();
        double[][] e = edges.toDoubleArray2D();
        double worst = 0;
        int flat = 0;
        for (int i = 0; i < 28; i++) {
            for (int j = 0; j < 28; j++) {
                double s = 0;
                for (int u = -1; u <= 1; u++) {
                    for (int v = -1; v <= 1; v++) {
                        int r = i + u;
                        int c = j + v;
                        // "same": zeros outside the image.
                        s += (r < 0 || r >= 28 || c < 0 || c >= 28 ? 0 : x[r][c]) * CrossCorrelation.K_43[u + 1][v + 1];
                    }
                }
                worst = Math.max(worst, Math.abs(s - e[i][j]));
                // The kernel sums to 0, so a flat neighbourhood (background or solid stroke) gives 0.
                flat += Math.abs(e[i][j]) < 1e-6 ? 1 : 0;
            }
        }
        return new Result(index, label, image, edges, worst, flat / 784.0);
    }

    static Path save(Result r, Path outDir) {
        // The note clips the output to [0, 1]; the third panel maps all of it, -m black to +m white,
        // so the negative halo around each stroke shows too.
        double m = r.edges().abs().max().doubleValue();
        Tensor full = r.edges().div(2 * m).add(0.5);
        return ImageGrid.of(Tensor.stack(List.of(r.image(), r.edges(), full), 0)).range(0, 1).columns(3).pixelSize(8)
                .title("Example 4.6 on an MNIST " + r.label()).titles(List.of("input", "edges (vmin=0, vmax=1)",
                        String.format(Locale.ROOT, "edges, -%.1f to %.1f", m, m)))
                .save(outDir.resolve("edges.png"));
    }

    static void print(Result r, PrintStream out) {
        out.println("Example 4.6: edge detection, Conv2D(1, kernel_size=3, padding='same', use_bias=False)");
        out.println("k =\n" + Matrices.format(Tensor.of(CrossCorrelation.K_43), 0));
        out.printf(Locale.ROOT, "input: MNIST test image %d (a %d), 28 x 28, values in [0, 1]%n", r.index(), r.label());
        out.printf(Locale.ROOT, "output: 28 x 28, from %.2f to %.2f; %.0f%% of the pixels are 0 (flat neighbourhoods:"
                + " the kernel sums to 0)%n", r.edges().min().doubleValue(), r.edges().max().doubleValue(),
                100 * r.flatShare());
        out.printf(Locale.ROOT, "largest difference from a plain loop over the zero-padded image: %.1e%n",
                r.maxLoopDifference());
    }

    public static void main(String[] args) {
        Args a = Args.parse("edge-detection", args, "out=", "index=");
        Result r = compute(a.intValue("index", 0));
        print(r, System.out);
        System.out.println("saved " + save(r, a.outDir()));
    }
}
