package jgrad.samples.rnn;

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
import jgrad.nn.Sequential;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.MovingDigits;
import jgrad.nn.layers.conv.Conv3D;
import jgrad.nn.layers.recurrent.ConvLSTM2D;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.ImageGrid;
import jgrad.samples.Args;
import jgrad.samples.SampleData;

/**
 * Next-frame prediction with a convolutional LSTM (course chapter 5-2, Shi et al. 2015), the
 * Keras "conv_lstm" example's pattern at a small size: clips of a 7 x 7 MNIST digit moving one
 * pixel a frame across a 14 x 14 canvas for 6 frames; frames 1-5 are predicted from frames 0-4
 * by ConvLSTM2D(16, 3, same, return_sequences) then Conv3D(1, (3, 3, 3), sigmoid, same), with
 * binary cross-entropy. The test error per pixel is set beside copying the last frame and
 * beside the mean frame; a PNG strip shows input, truth and prediction.
 */
public final class ConvLstmNextFrame {
    private ConvLstmNextFrame() {}

    static final MovingDigits.Config CLIPS = new MovingDigits.Config(6, 7, 14, 1);

    record Result(double modelMse, double copyLastMse, double meanFrameMse) {}

    static Result run(int trainClips, int testClips, int epochs, long seed, PrintStream out, Path outDir) {
        Rng.setGlobalSeed(seed);
        Layer.resetNames();
        Tensor digits = SampleData.mnistTest().x();
        Tensor train = MovingDigits.clips(digits, trainClips, CLIPS, seed).x();
        Tensor test = MovingDigits.clips(digits, testClips, CLIPS, seed + 1).x();
        int f = CLIPS.frames();
        Tensor xTrain = train.slice(1, 0, f - 1);
        Tensor yTrain = train.slice(1, 1, f);
        Tensor xTest = test.slice(1, 0, f - 1);
        Tensor yTest = test.slice(1, 1, f);
        Sequential m = new Sequential(Input.of(f - 1, 14, 14, 1))
                .add(ConvLSTM2D.builder(16, 3).padding("same").returnSequences(true).build())
                .add(Conv3D.builder(1, 3, 3, 3).padding("same").activation("sigmoid").build());
        m.summary(out);
        m.compile(new Adam(3e-3), "binary_crossentropy");
        long t0 = System.nanoTime();
        m.fit(xTrain, yTrain, FitOptions.builder().epochs(epochs).batchSize(32).seed(seed).verbose(0).build());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Tensor pred = m.predict(xTest, 64);
        double model = pred.sub(yTest).square().mean().item();
        double copy = xTest.sub(yTest).square().mean().item();
        Tensor meanFrame = xTrain.mean(new int[] {0, 1}, true);
        double mean = yTest.sub(meanFrame).square().mean().item();
        out.printf(Locale.ROOT, "%d training clips, %d epochs in %.1f s; test MSE per pixel of frames 1-5:%n", trainClips,
                epochs, seconds);
        out.printf(Locale.ROOT, "  ConvLSTM2D + Conv3D      %.5f%n", model);
        out.printf(Locale.ROOT, "  copy the last frame      %.5f%n", copy);
        out.printf(Locale.ROOT, "  the mean training frame  %.5f%n", mean);
        if (outDir != null) {
            // Rows: the clip's frames 0-5, then frame 0 and the five predicted frames.
            List<Tensor> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                rows.add(test.slice(0, i, i + 1).reshape(f, 14, 14, 1));
                rows.add(Tensor.concat(List.of(xTest.slice(0, i, i + 1).slice(1, 0, 1).reshape(1, 14, 14, 1),
                        pred.slice(0, i, i + 1).reshape(f - 1, 14, 14, 1)), 0));
                labels.add("clip " + (i + 1) + ": true frames");
                labels.add("input + predicted");
                for (int k = 0; k < 2 * f; k++) {
                    int frame = k % f;
                    captions.add(k < f ? "frame " + frame : frame == 0 ? "input 0" : "pred " + frame);
                }
            }
            Path png = ImageGrid.of(Tensor.concat(rows, 0)).columns(f).titles(captions).rowLabels(labels)
                    .title("ConvLSTM2D + Conv3D next-frame prediction on moving MNIST: true frames, then frame 0 and"
                            + " the predicted frames 1-" + (f - 1)).save(outDir.resolve("next-frames.png"));
            out.println("saved " + png + " (rows: a clip, then its first frame and the predicted frames 1-5)");
        }
        return new Result(model, copy, mean);
    }

    public static void main(String[] args) {
        Args a = Args.parse("convlstm-next-frame", args, "quick", "clips=", "epochs=", "seed=", "out=");
        run(a.positive("clips", a.quick() ? 600 : 2000), 300, a.positive("epochs", a.quick() ? 8 : 10),
                a.longValue("seed", 1), System.out, a.outDir());
    }
}
