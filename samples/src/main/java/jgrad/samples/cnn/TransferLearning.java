package jgrad.samples.cnn;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.FitOptions;
import jgrad.nn.Functional;
import jgrad.nn.Input;
import jgrad.nn.Model;
import jgrad.nn.Sequential;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.data.Dataset;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.Dropout;
import jgrad.nn.layers.Flatten;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.pooling.MaxPooling2D;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.regularizers.L2;
import jgrad.samples.Args;

/**
 * Transfer learning of notes 002, 4.7, without downloads: the note takes VGG-16 trained on
 * ImageNet and cats-vs-dogs from TensorFlow Datasets; here a small CNN is pretrained on the MNIST
 * digits 0-4 and reused for the digits 5-9 with only 500 labelled images. The note's six steps:
 * take the pretrained model, remove its head, add a new head (Dropout 0.3, Dense 128 ReLU with L2
 * 1e-5, softmax), freeze the base, train with the note's schedule (batches of 256, Adam(3e-4),
 * 20 epochs; {@code Test accuracy 1}), then unfreeze and fine-tune the whole network with
 * Adam(1e-6) for 10 epochs ({@code Test accuracy 2}). The same network trained from scratch on the
 * same 500 images with the same schedule shows what the pretrained features are worth.
 *
 * <p>What was measured on the way: the head flattens the base's 3 x 3 x 64 output instead of the
 * note's GlobalMaxPooling2D (VGG's output at 64 x 64 is 2 x 2, so little is lost there; here the
 * global maximum throws away where each feature is and costs the frozen model 20-30 points);
 * pretraining on shifted images makes the features transfer better; and MNIST is easy enough
 * that 500 labelled images train this network from scratch about as well as the frozen base does.
 * The last part of the sample shows where the pretrained features pay: with 50 or 100 labels.
 */
public final class TransferLearning {
    private TransferLearning() {}

    /** Accuracies and the parameter counts printed along the way. */
    record Result(double pretrainAccuracy, long trainableFrozen, long nonTrainableFrozen, long trainableUnfrozen,
            long nonTrainableUnfrozen, double testAccuracy1, double testAccuracy2, double scratchAccuracy,
            List<Comparison> sweep, int labelled, int testSize) {}

    /** Test accuracies of the frozen base with a new head and of the network from scratch, on {@code labels} images. */
    record Comparison(int labels, double frozen, double scratch) {}

    /** How long each phase trains. */
    record Schedule(int pretrainEpochs, int headEpochs, int fineTuneEpochs, int labelled, int[] sweepLabels,
            int sweepEpochs) {
        /** The note's 20 + 10 epochs, then the comparison at 50, 100 and 500 labels. */
        static final Schedule FULL = new Schedule(8, 20, 10, 500, new int[] {50, 100, 500}, 30);
        static final Schedule QUICK = new Schedule(8, 20, 10, 500, new int[] {50, 100}, 30);
    }

    /** The note's batch size. */
    static final int BATCH = 256;

    /** The convolutional base: three 3 x 3 convolutions (16, 32, 64 filters) with 2 x 2 max pools between them. */
    static Sequential base() {
        return new Sequential(Input.of(28, 28, 1),
                new Conv2D(16, 3, "relu"), new MaxPooling2D(2),
                new Conv2D(32, 3, "relu"), new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"));
    }

    /** The new head on {@code base}: Flatten, Dropout(0.3), Dense(128, relu, L2 1e-5), Dense(5, softmax). */
    static Functional withHead(Sequential base) {
        SymbolicTensor inputs = Input.of(28, 28, 1);
        SymbolicTensor x = base.call(inputs);
        x = new Flatten().call(x);
        x = new Dropout(0.3).call(x);
        x = Dense.builder(128).activation("relu").kernelRegularizer(new L2(1e-5)).build().call(x);
        SymbolicTensor outputs = new Dense(5, "softmax").call(x);
        return Model.of(inputs, outputs);
    }

    static long count(List<Variable> vs) {
        long n = 0;
        for (Variable v : vs) {
            n += v.size();
        }
        return n;
    }

    private static double fitAndTest(Model m, Dataset train, Dataset test, double lr, int epochs, int batch, long seed,
            PrintStream out) {
        m.compile(new Adam(lr), "sparse_categorical_crossentropy", "accuracy");
        m.fit(train.x(), train.y(), FitOptions.builder().epochs(epochs).batchSize(batch).shuffle(true).seed(seed)
                .verbose(0).output(out).build());
        return m.evaluate(test.x(), test.y(), 512).get("accuracy");
    }

    static Result run(Schedule s, long seed, PrintStream out) {
        Dataset.Split data = CnnData.shipped(seed);
        Dataset pretrain = CnnData.digits(data.train(), 0, 4);
        Dataset pretrainTest = CnnData.digits(data.test(), 0, 4);
        Dataset target = CnnData.digits(data.train(), 5, 9).shuffle(seed).take(s.labelled());
        Dataset targetTest = CnnData.digits(data.test(), 5, 9);
        out.printf(Locale.ROOT, "pretraining: digits 0-4, %,d images (%,d for testing)%n", pretrain.size(),
                pretrainTest.size());
        out.printf(Locale.ROOT, "new task: digits 5-9 with n_train = %d labelled images, n_test = %,d%n%n",
                target.size(), targetTest.size());

        // 1. A model trained on another task: the base with a plain softmax head, on digits 0-4, each
        // epoch on the images moved by up to 2 pixels (as ImageNet models are trained on crops), which
        // makes its features less tied to where strokes sit in the 0-4 images.
        Rng.setGlobalSeed(seed);
        Sequential base = base();
        Sequential pretrained = new Sequential(base, new Flatten(), new Dense(5, "softmax"));
        pretrained.compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy");
        Rng shifts = new Rng(seed + 7);
        for (int e = 0; e < s.pretrainEpochs(); e++) {
            pretrained.fit(CnnData.shifted(pretrain.x(), 2, shifts), pretrain.y(), FitOptions.builder().epochs(1)
                    .batchSize(64).shuffle(true).seed(seed + e).verbose(0).build());
        }
        double pre = pretrained.evaluate(pretrainTest.x(), pretrainTest.y(), 512).get("accuracy");
        out.printf(Locale.ROOT, "pretrained on digits 0-4 (shifted by up to 2 px) for %d epochs: test accuracy"
                + " %.4f%n%n", s.pretrainEpochs(), pre);

        // 2-4. Remove its head, add a new one, freeze the base.
        base.setTrainable(false);
        Functional model = withHead(base);
        model.summary(out);
        long tf = count(model.trainableWeights());
        long nf = count(model.nonTrainableWeights());
        // 5. Train the new head.
        double acc1 = fitAndTest(model, target, targetTest, 3e-4, s.headEpochs(), BATCH, seed, out);
        out.printf(Locale.ROOT, "%nTest accuracy 1 = %.4f  (frozen base, new head, %d epochs, batch %d,"
                + " Adam(3e-4))%n%n", acc1, s.headEpochs(), BATCH);

        // 6. Unfreeze and fine-tune everything with a very small learning rate.
        List<Tensor> frozenWeights = base.getWeights();
        base.setTrainable(true);
        model.summary(out);
        long tu = count(model.trainableWeights());
        long nu = count(model.nonTrainableWeights());
        double acc2 = fitAndTest(model, target, targetTest, 1e-6, s.fineTuneEpochs(), BATCH, seed, out);
        out.printf(Locale.ROOT, "%nTest accuracy 2 = %.4f  (unfrozen, fine-tuned %d epochs with Adam(1e-6))%n%n", acc2,
                s.fineTuneEpochs());

        // The same network and head, from random weights, on the same images for as many epochs in all.
        Rng.setGlobalSeed(seed + 1);
        Functional scratch = withHead(base());
        int epochs = s.headEpochs() + s.fineTuneEpochs();
        double accScratch = fitAndTest(scratch, target, targetTest, 3e-4, epochs, BATCH, seed, out);
        out.printf(Locale.ROOT, "From scratch on the same %d images (%d epochs, batch %d, Adam(3e-4)): test accuracy ="
                + " %.4f%n", target.size(), epochs, BATCH, accScratch);

        // How much labelled data the pretrained features are worth: each model trained until it has
        // converged (batches of 32, Adam(1e-3)), on fewer and more labels.
        base.setWeights(frozenWeights);
        base.setTrainable(false);
        List<Comparison> sweep = new ArrayList<>();
        out.printf(Locale.ROOT, "%nFrozen base + new head vs the same network from scratch, %d epochs of batches of 32,"
                + " Adam(1e-3):%n", s.sweepEpochs());
        out.println("  labels   frozen base   from scratch");
        Dataset all = CnnData.digits(data.train(), 5, 9).shuffle(seed);
        for (int n : s.sweepLabels()) {
            Dataset few = all.take(n);
            double frozen = fitAndTest(withHead(base), few, targetTest, 1e-3, s.sweepEpochs(), 32, seed, out);
            Rng.setGlobalSeed(seed + 1);
            double fresh = fitAndTest(withHead(base()), few, targetTest, 1e-3, s.sweepEpochs(), 32, seed, out);
            sweep.add(new Comparison(n, frozen, fresh));
            out.printf(Locale.ROOT, "  %6d   %11.4f   %12.4f%n", n, frozen, fresh);
        }
        return new Result(pre, tf, nf, tu, nu, acc1, acc2, accScratch, List.copyOf(sweep), target.size(),
                targetTest.size());
    }

    public static void main(String[] args) {
        Args a = Args.parse("transfer-learning", args, "quick", "seed=", "labels=");
        Schedule s = a.quick() ? Schedule.QUICK : Schedule.FULL;
        s = new Schedule(s.pretrainEpochs(), s.headEpochs(), s.fineTuneEpochs(), a.positive("labels", s.labelled()),
                s.sweepLabels(), s.sweepEpochs());
        run(s, a.longValue("seed", 1), System.out);
    }
}
