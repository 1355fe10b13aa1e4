package jgrad.samples.cnn;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import jgrad.nn.Input;
import jgrad.nn.Layer;
import jgrad.nn.Sequential;
import jgrad.nn.layers.conv.Conv1D;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.pooling.AveragePooling2D;
import jgrad.nn.layers.pooling.MaxPooling2D;
import jgrad.nn.layers.reshaping.ZeroPadding2D;
import jgrad.samples.Args;

/**
 * The worked examples of notes 002, chapter 4.2-4.3, computed by jgrad's layers with the notes'
 * kernels set as their weights: Example 4.1 (1-D cross-correlation), 4.3 (valid 2-D), 4.4
 * ("same"), 4.5 (stride 2, with the note's symmetric padding and with Keras's "same"), several
 * input channels (4.3.5, d2l's check), max pooling (Example 4.8) and average pooling as a
 * convolution with a uniform kernel (4.3.3), and the receptive field of stacked convolutions
 * (4.3.2) read off the tape's gradient.
 */
public final class CrossCorrelation {
    private CrossCorrelation() {}

    /** Example 4.1: x and the kernel [1/4 2/4 1/4]. */
    static final double[] X_41 = {1, 4, 2, 0, 9, 1, 3};
    static final double[] K_41 = {0.25, 0.5, 0.25};
    /** Example 4.3's input and the note's edge kernel (also Example 4.6's). */
    static final double[][] X_43 = {{1, 4, 1, 1, 2}, {4, 3, 1, 2, 1}, {5, 2, 2, 2, 5}, {1, 3, 2, 4, 3}};
    static final double[][] K_43 = {{-1, -1, -1}, {-1, 8, -1}, {-1, -1, -1}};
    /** Example 4.8's array (the note's is in a missing figure; this is jgrad's own). */
    static final double[][] X_48 = {{1, 3, 2, 9}, {5, 4, 1, 0}, {2, 8, 7, 6}};

    /** Everything the sample computes, for the tests. */
    record Result(Tensor example41, Tensor example43, Tensor example44, Tensor example45Symmetric,
            Tensor example45Same, Tensor multiChannel, Tensor example48, double avgPoolVsConv, int[] fieldsStride1,
            int[] fieldsStride2) {}

    /** A Conv1D with one filter, no bias and {@code kernel} as its weights, applied to {@code x}. */
    static Tensor conv1d(double[] x, double[] kernel, int stride, String padding) {
        Conv1D conv = Conv1D.builder(1, kernel.length).strides(stride).padding(padding).useBias(false).build();
        Sequential m = new Sequential(Input.of(x.length, 1), conv);
        conv.setWeights(List.of(f32(Tensor.of(kernel)).reshape(kernel.length, 1, 1)));
        return Matrices.squeeze(m.predict(f32(Tensor.of(x)).reshape(1, x.length, 1)));
    }

    /** A Conv2D with one filter and no bias, {@code kernel} as its weights, after the layers {@code before}. */
    static Tensor conv2d(double[][] x, double[][] kernel, int stride, String padding, Layer... before) {
        Conv2D conv = Conv2D.builder(1, kernel.length, kernel[0].length).strides(stride).padding(padding)
                .useBias(false).build();
        Sequential m = new Sequential(Input.of(x.length, x[0].length, 1));
        for (Layer l : before) {
            m.add(l);
        }
        m.add(conv);
        conv.setWeights(List.of(f32(Tensor.of(kernel)).reshape(kernel.length, kernel[0].length, 1, 1)));
        return Matrices.squeeze(m.predict(image(x)));
    }

    /** A matrix as a batch of one single-channel float32 image, {@code [1, h, w, 1]}. */
    static Tensor image(double[][] x) {
        return f32(Tensor.of(x)).reshape(1, x.length, x[0].length, 1);
    }

    /** Layers hold float32 weights (Keras's default dtype); the notes' small integers are exact in it. */
    static Tensor f32(Tensor t) {
        return t.cast(DType.FLOAT32);
    }

    /**
     * d2l's multi-channel check: channels [[0..8]] and [[1..9]] (3 x 3), kernels [[0,1],[2,3]] and
     * [[1,2],[3,4]]; each channel is correlated with its own kernel and the results are summed.
     */
    static Tensor multiChannel() {
        float[] x = new float[18];
        for (int p = 0; p < 9; p++) {
            x[2 * p] = p;         // channel 0
            x[2 * p + 1] = p + 1; // channel 1
        }
        float[] k = new float[8];
        for (int p = 0; p < 4; p++) {
            k[2 * p] = p;         // [kh, kw, cin = 0, cout = 0]
            k[2 * p + 1] = p + 1; // [kh, kw, cin = 1, cout = 0]
        }
        Conv2D conv = Conv2D.builder(1, 2).useBias(false).build();
        Sequential m = new Sequential(Input.of(3, 3, 2), conv);
        conv.setWeights(List.of(Tensor.fromFlat(k, 2, 2, 2, 1)));
        return Matrices.squeeze(m.predict(Tensor.fromFlat(x, 1, 3, 3, 2)));
    }

    /** Example 4.8: MaxPooling2D with a 2 x 2 window moved 1 row and 2 columns at a time. */
    static Tensor maxPool48() {
        MaxPooling2D pool = MaxPooling2D.builder(2, 2).strides(1, 2).build();
        Sequential m = new Sequential(Input.of(3, 4, 1), pool);
        return Matrices.squeeze(m.predict(image(X_48)));
    }

    /** The largest difference between AveragePooling2D(2) and a stride-2 Conv2D with the kernel 1/4 everywhere. */
    static double averagePoolingIsAConvolution() {
        double[][] x = {{1, 4, 1, 1, 2, 0}, {4, 3, 1, 2, 1, 7}, {5, 2, 2, 2, 5, 1}, {1, 3, 2, 4, 3, 6}};
        Tensor pooled = Matrices.squeeze(new Sequential(Input.of(4, 6, 1), new AveragePooling2D(2)).predict(image(x)));
        Tensor conv = conv2d(x, new double[][] {{0.25, 0.25}, {0.25, 0.25}}, 2, "valid");
        return pooled.sub(conv).abs().max().doubleValue();
    }

    /**
     * The receptive field of one output of {@code layers} stacked Conv1D layers (kernel 3, all-one
     * weights, the given stride), measured as the number of inputs with a non-zero gradient.
     */
    static int receptiveField(int layers, int stride) {
        int n = 64;
        Sequential m = new Sequential(Input.of(n, 1));
        List<Conv1D> convs = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            Conv1D c = Conv1D.builder(1, 3).strides(stride).useBias(false).build();
            m.add(c);
            convs.add(c);
        }
        for (Conv1D c : convs) {
            c.setWeights(List.of(Tensor.ones(3, 1, 1)));
        }
        Tensor x = Tensor.ones(1, n, 1);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = m.call(x);
            Tensor one = y.slice(1, y.dim(1) / 2, y.dim(1) / 2 + 1).sum();
            Tensor g = tape.gradient(one, x);
            int count = 0;
            for (double v : g.toDoubleArray()) {
                count += v != 0 ? 1 : 0;
            }
            return count;
        }
    }

    static Result compute() {
        int[] f1 = new int[3];
        int[] f2 = new int[4];
        for (int m = 1; m <= 3; m++) {
            f1[m - 1] = receptiveField(m, 1);
        }
        for (int m = 1; m <= 4; m++) {
            f2[m - 1] = receptiveField(m, 2);
        }
        return new Result(conv1d(X_41, K_41, 1, "valid"), conv2d(X_43, K_43, 1, "valid"), conv2d(X_43, K_43, 1, "same"),
                conv2d(X_43, K_43, 2, "valid", new ZeroPadding2D(1)), conv2d(X_43, K_43, 2, "same"), multiChannel(),
                maxPool48(), averagePoolingIsAConvolution(), f1, f2);
    }

    static void print(Result r, PrintStream out) {
        out.println("Example 4.1: 1-D cross-correlation, Conv1D(1, kernel_size=3, use_bias=False)");
        out.println("x = [1 4 2 0 9 1 3], k = [1/4 2/4 1/4]");
        out.printf(Locale.ROOT, "z1 = %.2f, z2 = %.2f%n", r.example41().getDouble(0), r.example41().getDouble(1));
        out.println("x * k = " + Matrices.format(r.example41(), 2));
        out.println();
        out.println("Example 4.3: Conv2D(1, kernel_size=3, padding='valid'), output (n_h - k_h + 1) x (n_w - k_w + 1)"
                + " = 2 x 3");
        out.println("x =\n" + Matrices.format(Tensor.of(X_43), 0));
        out.println("k =\n" + Matrices.format(Tensor.of(K_43), 0));
        out.println("x * k =\n" + Matrices.format(r.example43(), 0));
        out.println();
        out.println("Example 4.4: padding='same' (one zero on each side), output 4 x 5");
        out.println(Matrices.format(r.example44(), 0));
        out.println();
        out.println("Example 4.5: stride 2 x 2, output floor((4-3+2+2)/2) x floor((5-3+2+2)/2) = 2 x 3");
        out.println("the note's symmetric padding of 1, ZeroPadding2D(1) then Conv2D(strides=2):");
        out.println(Matrices.format(r.example45Symmetric(), 0));
        out.println("Keras's padding='same' at stride 2 (rows: 0 zeros before, 1 after; columns: 1 and 1):");
        out.println(Matrices.format(r.example45Same(), 0));
        out.println();
        out.println("4.3.5 Several input channels (d2l's check): X = [[0..8]], [[1..9]], K = [[0,1],[2,3]],"
                + " [[1,2],[3,4]]");
        out.println(Matrices.format(r.multiChannel(), 0));
        out.println();
        out.println("Example 4.8: MaxPooling2D(pool_size=(2, 2), strides=(1, 2))");
        out.println("x =\n" + Matrices.format(Tensor.of(X_48), 0));
        out.println("max pool =\n" + Matrices.format(r.example48(), 0));
        out.printf(Locale.ROOT, "4.3.3: AveragePooling2D(2) equals Conv2D with the kernel [[1/4 1/4] [1/4 1/4]] at"
                + " stride 2: largest difference %.1e%n", r.avgPoolVsConv());
        out.println();
        out.println("4.3.2 Receptive field of one output after m stacked Conv1D(kernel_size=3) layers,");
        out.println("counted as the inputs with a non-zero gradient on the tape:");
        out.println("  stride 1: " + fields(r.fieldsStride1()) + "   ((l-1)m + 1 = 3, 5, 7)");
        out.println("  stride 2: " + fields(r.fieldsStride2()) + "   (grows as O(l s^m): 3, 7, 15, 31)");
    }

    private static String fields(int[] f) {
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < f.length; m++) {
            sb.append(m == 0 ? "" : ", ").append("m=").append(m + 1).append(": ").append(f[m]);
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        Args.parse("cross-correlation", args);
        print(compute(), System.out);
    }
}
