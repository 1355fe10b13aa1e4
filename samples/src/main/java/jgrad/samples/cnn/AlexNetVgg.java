package jgrad.samples.cnn;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.nn.FitOptions;
import jgrad.nn.History;
import jgrad.nn.Input;
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.pooling.MaxPooling2D;
import jgrad.nn.optimizers.Adam;
import jgrad.samples.Args;

/**
 * Notes 002, 4.4: AlexNet (Example 4.9, completed as d2l does: 5 convolutions, 3 max pools, two
 * dense layers of 4096 with dropout) and VGG-16 (blocks of 64x2, 128x2, 256x3, 512x3, 512x3
 * convolutions of 3 x 3 with padding 1, each followed by a 2 x 2 max pool, then three dense
 * layers), with their summaries and parameter counts: 46,764,746 at 224x224x1 with 10 classes,
 * and 138,357,544 at 224x224x3 with 1000 classes. Neither is trained (VGG-16's weights alone are
 * 553 MB of float32); instead a small VGG-style net, two VGG blocks, is trained on MNIST.
 */
public final class AlexNetVgg {
    private AlexNetVgg() {}

    /** AlexNet as d2l completes the note's Example 4.9. */
    static Sequential alexNet(int height, int width, int channels, int classes) {
        return new Sequential(Input.of(height, width, channels),
                Conv2D.builder(96, 11).strides(4).activation("relu").build(),
                MaxPooling2D.builder(3).strides(2).build(),
                Conv2D.builder(256, 5).padding("same").activation("relu").build(),
                MaxPooling2D.builder(3).strides(2).build(),
                Conv2D.builder(384, 3).padding("same").activation("relu").build(),
                Conv2D.builder(384, 3).padding("same").activation("relu").build(),
                Conv2D.builder(256, 3).padding("same").activation("relu").build(),
                MaxPooling2D.builder(3).strides(2).build(),
                new Flatten(),
                new Dense(4096, "relu"), new Dropout(0.5),
                new Dense(4096, "relu"), new Dropout(0.5),
                new Dense(classes));
    }

    /** A VGG block: {@code convs} 3 x 3 convolutions with padding 1 ("same") and ReLU, then a 2 x 2 max pool, stride 2. */
    static void vggBlock(Sequential m, int convs, int filters) {
        for (int i = 0; i < convs; i++) {
            m.add(Conv2D.builder(filters, 3).padding("same").activation("relu").build());
        }
        m.add(new MaxPooling2D(2, 2));
    }

    /** VGG-16 (Keras's {@code VGG16(include_top=True)}): 13 convolutions and 3 dense layers. */
    static Sequential vgg16(int height, int width, int channels, int classes) {
        Sequential m = new Sequential(Input.of(height, width, channels));
        int[][] blocks = {{2, 64}, {2, 128}, {3, 256}, {3, 512}, {3, 512}};
        for (int[] b : blocks) {
            vggBlock(m, b[0], b[1]);
        }
        m.add(new Flatten());
        m.add(new Dense(4096, "relu"));
        m.add(new Dense(4096, "relu"));
        m.add(new Dense(classes, "softmax"));
        return m;
    }

    /** Two VGG blocks (16 and 32 filters) and a softmax classifier, for 28 x 28 digits. */
    static Sequential smallVgg() {
        Sequential m = new Sequential(Input.of(28, 28, 1));
        vggBlock(m, 2, 16);
        vggBlock(m, 2, 32);
        m.add(new Flatten());
        m.add(new Dense(10, "softmax"));
        return m;
    }

    /** Parameter counts, what building VGG-16 cost, and the small VGG's training. */
    record Result(long alexNetParams, long vgg16Params, long vgg16ConvBaseParams, double vggBuildSeconds,
            long vggHeapMb, long vggRetainedHeapMb, long smallVggParams, double smallVggTestAccuracy,
            double smallVggSeconds) {}

    static long usedHeapMb(MemoryMXBean mem) {
        return mem.getHeapMemoryUsage().getUsed() >> 20;
    }

    /** The big models' summaries and counts, then the small VGG trained for {@code epochs} (none when 0). */
    static Result run(int epochs, int trainSize, long seed, boolean summaries, PrintStream out) {
        Rng.setGlobalSeed(seed);
        out.println("AlexNet (Example 4.9, d2l's completion) for 224 x 224 greyscale images and 10 classes:");
        Sequential alex = alexNet(224, 224, 1, 10);
        if (summaries) {
            alex.summary(out);
        }
        long alexParams = alex.countParams();
        out.printf(Locale.ROOT, "AlexNet: %,d parameters%n%n", alexParams);
        alex = null;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = usedHeapMb(mem);
        long t0 = System.nanoTime();
        out.println("VGG-16 at 224 x 224 x 3 with 1000 classes:");
        Sequential vgg = vgg16(224, 224, 3, 1000);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        // Right after building, the heap also holds the initializers' temporaries; after a collection
        // only the weights remain.
        long heapAfterBuild = usedHeapMb(mem) - before;
        System.gc();
        long heap = usedHeapMb(mem) - before;
        if (summaries) {
            vgg.summary(out);
        }
        long vggParams = vgg.countParams();
        long base = 0;
        for (var l : vgg.layers()) {
            if (l instanceof Conv2D) {
                base += l.countParams();
            }
        }
        out.printf(Locale.ROOT, "VGG-16: %,d parameters, convolutional base %,d; building it took %.1f s; the heap"
                + " grew by %,d MB (%,d MB after a collection; the float32 weights are %,d MB)%n%n", vggParams, base,
                buildSeconds, heapAfterBuild, heap, vggParams * 4 >> 20);
        vgg = null;
        System.gc();

        double[] small = epochs > 0 ? trainSmallVgg(epochs, trainSize, seed, out) : new double[] {Double.NaN, 0};
        return new Result(alexParams, vggParams, base, buildSeconds, heapAfterBuild, heap, smallVgg().countParams(),
                small[0], small[1]);
    }

    /** Trains {@link #smallVgg()} on {@code trainSize} shipped digits; returns {test accuracy, seconds}. */
    static double[] trainSmallVgg(int epochs, int trainSize, long seed, PrintStream out) {
        Rng.setGlobalSeed(seed);
        Sequential small = smallVgg();
        out.println("A small VGG-style net, two VGG blocks (16 and 32 filters), on MNIST:");
        small.summary(out);
        Dataset.Split data = CnnData.shipped(seed);
        Dataset train = data.train().take(Math.min(trainSize, data.train().size()));
        small.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        long t1 = System.nanoTime();
        History h = small.fit(train.x(), train.y(), FitOptions.builder().epochs(epochs).batchSize(64).shuffle(true)
                .seed(seed).verbose(1).output(out).build());
        double seconds = (System.nanoTime() - t1) / 1e9;
        double acc = small.evaluate(data.test().x(), data.test().y(), 512).get("accuracy");
        out.printf(Locale.ROOT, "%nsmall VGG: test accuracy = %.4f (%,d held-out images) after %d epochs on %,d images"
                + " in %.1f s; last training loss %.4f%n", acc, data.test().size(), epochs, train.size(), seconds,
                h.last("loss"));
        return new double[] {acc, seconds};
    }

    public static void main(String[] args) {
        Args a = Args.parse("alexnet-vgg", args, "quick", "epochs=", "seed=", "train=");
        run(a.positive("epochs", a.quick() ? 2 : 3), a.positive("train", a.quick() ? 2000 : 8000), a.longValue("seed",
                1), true, System.out);
    }
}
