package jgrad.samples.cnn;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
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
import jgrad.nn.layers.conv.Conv2D;
import jgrad.nn.layers.pooling.GlobalMaxPooling2D;
import jgrad.nn.layers.pooling.MaxPooling2D;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.regularizers.L2;

/**
 * Transfer learning of notes 002, 4.7, without downloads: the note takes VGG-16 trained on
 * ImageNet and cats-vs-dogs from TensorFlow Datasets; here a small CNN is pretrained on the MNIST
 * digits 0-4 and reused for the digits 5-9 with only 500 labelled images. The note's six steps:
 * take the pretrained model, remove its head, add a new head (GlobalMaxPooling2D, Dropout 0.3,
 * Dense 128 ReLU with L2 1e-5, softmax), freeze the base, train ({@code Test accuracy 1}), then
 * unfreeze and fine-tune the whole network with Adam(1e-6) ({@code Test accuracy 2}). The same
 * network trained from scratch on the same 500 images shows what the pretrained features are worth.
 */
public final class TransferLearning {
    private TransferLearning() {}

    /** Accuracies and the parameter counts printed along the way. */
    record Result(double pretrainAccuracy, long trainableFrozen, long nonTrainableFrozen, long trainableUnfrozen,
            long nonTrainableUnfrozen, double testAccuracy1, double testAccuracy2, double scratchAccuracy,
            int labelled, int testSize) {}

    /** How long each phase trains. */
    record Schedule(int pretrainEpochs, int headEpochs, int fineTuneEpochs, int labelled) {
        static final Schedule FULL = new Schedule(5, 20, 10, 500);
        static final Schedule QUICK = new Schedule(2, 12, 3, 500);
    }

    /** The convolutional base: three 3 x 3 convolutions (16, 32, 64 filters) with 2 x 2 max pools between them. */
    static Sequential base() {
        return new Sequential(Input.of(28, 28, 1),
                new Conv2D(16, 3, "relu"), new MaxPooling2D(2),
                new Conv2D(32, 3, "relu"), new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"));
    }

    /** The note's head on {@code base}: GlobalMaxPooling2D, Dropout(0.3), Dense(128, relu, L2 1e-5), Dense(5, softmax). */
    static Functional withHead(Sequential base) {
        SymbolicTensor inputs = Input.of(28, 28, 1);
        SymbolicTensor x = base.call(inputs);
        x = new GlobalMaxPooling2D().call(x);
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

        // 1. A model trained on another task: the base with a plain softmax head, on digits 0-4.
        Rng.setGlobalSeed(seed);
        Sequential base = base();
        Sequential pretrained = new Sequential(base, new GlobalMaxPooling2D(), new Dense(5, "softmax"));
        double pre = fitAndTest(pretrained, pretrain, pretrainTest, 1e-3, s.pretrainEpochs(), 64, seed, out);
        out.printf(Locale.ROOT, "pretrained on digits 0-4 for %d epochs: test accuracy %.4f%n%n", s.pretrainEpochs(),
                pre);

        // 2-4. Remove its head, add a new one, freeze the base.
        base.setTrainable(false);
        Functional model = withHead(base);
        model.summary(out);
        long tf = count(model.trainableWeights());
        long nf = count(model.nonTrainableWeights());
        // 5. Train the new head.
        double acc1 = fitAndTest(model, target, targetTest, 3e-4, s.headEpochs(), 32, seed, out);
        out.printf(Locale.ROOT, "%nTest accuracy 1 = %.4f  (frozen base, new head, %d epochs, Adam(3e-4))%n%n", acc1,
                s.headEpochs());

        // 6. Unfreeze and fine-tune everything with a very small learning rate.
        base.setTrainable(true);
        model.summary(out);
        long tu = count(model.trainableWeights());
        long nu = count(model.nonTrainableWeights());
        double acc2 = fitAndTest(model, target, targetTest, 1e-6, s.fineTuneEpochs(), 32, seed, out);
        out.printf(Locale.ROOT, "%nTest accuracy 2 = %.4f  (unfrozen, fine-tuned %d epochs with Adam(1e-6))%n%n", acc2,
                s.fineTuneEpochs());

        // The same network and head, from random weights, on the same images for as many epochs in all.
        Rng.setGlobalSeed(seed + 1);
        Functional scratch = withHead(base());
        int epochs = s.headEpochs() + s.fineTuneEpochs();
        double accScratch = fitAndTest(scratch, target, targetTest, 3e-4, epochs, 32, seed, out);
        out.printf(Locale.ROOT, "From scratch on the same %d images (%d epochs, Adam(3e-4)): test accuracy = %.4f%n",
                target.size(), epochs, accScratch);
        out.printf(Locale.ROOT, "The pretrained base is %s by %.1f points.%n", acc1 > accScratch ? "ahead" : "behind",
                100 * Math.abs(acc1 - accScratch));
        return new Result(pre, tf, nf, tu, nu, acc1, acc2, accScratch, target.size(), targetTest.size());
    }

    public static void main(String[] args) {
        SampleArgs a = SampleArgs.parse("transfer-learning", args, "quick", "seed=", "labels=");
        Schedule s = a.quick() ? Schedule.QUICK : Schedule.FULL;
        s = new Schedule(s.pretrainEpochs(), s.headEpochs(), s.fineTuneEpochs(), a.intValue("labels", s.labelled()));
        run(s, a.longValue("seed", 1), System.out);
    }
}
