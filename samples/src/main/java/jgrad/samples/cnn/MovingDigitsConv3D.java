package jgrad.samples.cnn;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.FitOptions;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.MovingDigits;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.conv.Conv3D;
import jgrad.nn.layers.pooling.GlobalMaxPooling2D;
import jgrad.nn.layers.pooling.GlobalMaxPooling3D;
import jgrad.nn.layers.pooling.MaxPooling2D;
import jgrad.nn.layers.pooling.MaxPooling3D;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.ImageGrid;
import jgrad.samples.Args;

/**
 * 3-D convolution (course chapter 5-1; Ji et al. 2013, Tran et al. 2015): clips of a shrunken
 * MNIST digit moving right, left, down or up for 8 frames ({@link MovingDigits}), classified by
 * the direction of motion. A small Conv3D over (time, height, width) sees the motion and gets
 * about 100%; the same kind of network with Conv2D, given one random frame of each clip, cannot
 * do better than chance (25%), because the clips are made so that a still carries no direction.
 * Training clips use the 8,000 training digits, test clips the 2,000 held-out ones.
 */
public final class MovingDigitsConv3D {
    private MovingDigitsConv3D() {}

    /** Both accuracies, parameter counts and times. */
    record Result(double conv3dAccuracy, double conv2dAccuracy, long conv3dParams, long conv2dParams,
            double conv3dSeconds, double conv2dSeconds, int trainClips, int testClips) {}

    /** Conv3D(8, 3x3x3) - MaxPooling3D(1, 2, 2) - Conv3D(16, 3x3x3) - GlobalMaxPooling3D - Dense(4, softmax). */
    static Sequential conv3d(int frames) {
        return new Sequential(Input.of(frames, 28, 28, 1),
                new Conv3D(8, 3, "relu"),
                MaxPooling3D.builder(1, 2, 2).build(),
                new Conv3D(16, 3, "relu"),
                new GlobalMaxPooling3D(),
                new Dense(4, "softmax"));
    }

    /** The same on one frame: Conv2D(8, 3x3), MaxPooling2D(2), Conv2D(16, 3x3), GlobalMaxPooling2D, Dense(4). */
    static Sequential conv2d() {
        return new Sequential(Input.of(28, 28, 1),
                new Conv2D(8, 3, "relu"),
                new MaxPooling2D(2),
                new Conv2D(16, 3, "relu"),
                new GlobalMaxPooling2D(),
                new Dense(4, "softmax"));
    }

    private static double[] train(Sequential m, Dataset train, Dataset test, int epochs, long seed, int verbose,
            PrintStream out) {
        m.compile(new Adam(3e-3), "sparse_categorical_crossentropy", "accuracy");
        long t0 = System.nanoTime();
        m.fit(train.x(), train.y(), FitOptions.builder().epochs(epochs).batchSize(32).shuffle(true).seed(seed)
                .verbose(verbose).output(out).build());
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new double[] {m.evaluate(test.x(), test.y(), 128).get("accuracy"), seconds};
    }

    static Result run(int trainClips, int testClips, int epochs, long seed, int verbose, PrintStream out, Path outDir) {
        Dataset.Split digits = CnnData.shipped(seed);
        Dataset train = MovingDigits.clips(digits.train().x(), trainClips, seed);
        Dataset test = MovingDigits.clips(digits.test().x(), testClips, seed + 1);
        int frames = MovingDigits.Config.DEFAULT.frames();
        out.printf(Locale.ROOT, "moving digits: %,d training clips from the 8,000 training digits, %,d test clips from"
                + " the 2,000 held-out digits;%neach clip %d frames of 28 x 28, a 14 x 14 digit moving 1 px per frame"
                + " right, left, down or up%n%n", train.size(), test.size(), frames);
        if (outDir != null) {
            out.println("saved " + saveExamples(test, outDir) + "\n");
        }

        Rng.setGlobalSeed(seed);
        Sequential m3 = conv3d(frames);
        m3.summary(out);
        double[] r3 = train(m3, train, test, epochs, seed, verbose, out);
        out.printf(Locale.ROOT, "Conv3D on the clips: test accuracy = %.4f (%d epochs, %.1f s)%n%n", r3[0], epochs,
                r3[1]);

        Rng.setGlobalSeed(seed);
        Sequential m2 = conv2d();
        m2.summary(out);
        double[] r2 = train(m2, MovingDigits.stills(train, seed + 2), MovingDigits.stills(test, seed + 3), epochs, seed,
                verbose, out);
        out.printf(Locale.ROOT, "Conv2D on one random frame: test accuracy = %.4f (%d epochs, %.1f s; chance is"
                + " 0.25)%n", r2[0], epochs, r2[1]);
        return new Result(r3[0], r2[0], m3.countParams(), m2.countParams(), r3[1], r2[1], train.size(), test.size());
    }

    /** The first test clip of each direction, one row of frames per clip. */
    static Path saveExamples(Dataset clips, Path outDir) {
        long[] y = clips.y().toLongArray();
        List<Tensor> frames = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        int f = clips.x().dim(1);
        for (MovingDigits.Direction d : MovingDigits.Direction.values()) {
            for (int i = 0; i < y.length; i++) {
                if (y[i] == d.ordinal()) {
                    Tensor clip = clips.x().slice(0, i, i + 1).reshape(f, 28, 28);
                    for (int t = 0; t < f; t++) {
                        frames.add(clip.slice(0, t, t + 1).reshape(28, 28));
                        titles.add(t == 0 ? d.label() : "t=" + t);
                    }
                    break;
                }
            }
        }
        return ImageGrid.of(Tensor.stack(frames, 0)).range(0, 1).columns(f).pixelSize(3).titles(titles)
                .title("Moving digits: one test clip per direction").save(outDir.resolve("clips.png"));
    }

    public static void main(String[] args) {
        Args a = Args.parse("moving-digits-conv3d", args, "quick", "epochs=", "train=", "test=", "seed=",
                "out=", "verbose=");
        run(a.positive("train", a.quick() ? 600 : 3000), a.positive("test", a.quick() ? 400 : 1000),
                a.positive("epochs", 3), a.longValue("seed", 1), a.intValue("verbose", 1), System.out,
                a.outDir());
    }
}
