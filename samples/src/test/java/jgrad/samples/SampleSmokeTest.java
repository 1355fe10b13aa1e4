package jgrad.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample of the notes' chapters 1-3 runs and prints the note's numbers: the exact ones
 * exactly, the trained ones in kind (accuracy, recovered coefficients). Training samples run in
 * their {@code --quick} mode and are tagged slow.
 */
class SampleSmokeTest {
    @TempDir
    Path out;

    /** Runs a registered sample by name with {@code args} and returns what it printed. */
    private String run(String name, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Samples.find(name).main().accept(all.toArray(new String[0]));
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<Path> pngs() throws java.io.IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(p -> p.toString().endsWith(".png")).toList();
        }
    }

    // ------------------------------------------------------------------ exact numbers

    @Test
    void forwardPassGivesTheNotesProbabilitiesAndFullAccuracy() throws Exception {
        String text = run("forward-pass", "--out", out.toString());
        assertThat(ForwardPass.compute().yPred().reshape(-1).toDoubleArray()).hasSize(12);
        assertThat(text).contains("-0.05   0.14   0.17       0      0").contains(" 0.04   0.17   0.20       0      0")
                .contains(" 0.67  -0.09   0.85       1      1").contains(" 0.51   0.08   0.68       1      1")
                .contains("Accuracy = 100%");
        assertThat(pngs()).hasSize(1);
    }

    @Test
    void modelLossesAreTheNotesMseAndBce() {
        String text = run("model-losses");
        assertThat(text).contains("MSE: 0.083\n  BCE: 0.330").contains("MSE: 0.168\n  BCE: 0.526");
    }

    @Test
    void gradientDescentStepsAsTheNote() throws Exception {
        String text = run("gradient-descent", "--out", out.toString());
        assertThat(text).contains(" 0  0.5000  -3.000  2.2500  ->  1.2500  0.5625")
                .contains("L decreased from 2.25 to 0.56").contains("at A = (3, 2): grad L = (2, -2);  B = (2.5, 2.5)");
        assertThat(pngs()).hasSize(1);
    }

    @Test
    void softmaxOverflowGuard() {
        String text = run("softmax-overflow");
        assertThat(text).contains("exp(z - max z) / sum(...)       = [0.23 0.42 0.35]")
                .contains("<- overflow").contains("z.softmax()                     = [0.0900 0.2447 0.6652]");
    }

    @Test
    void perceptronExampleGivesMinusOneAtMinusOneTwo() throws Exception {
        String text = run("perceptron-example", "--out", out.toString());
        assertThat(text).contains("x = (-1,  2):  y_hat = g(1 + 3 x (-1) - 2 x ( 2)) = g(-6) = -1");
        assertThat(pngs()).hasSize(1);
    }

    @Test
    void perceptronRuleFollowsExample15() {
        assertThat(PerceptronRule.example15(3, 4, 1, 2)).containsExactly(
                "y_hat[3] = s(0) = 0, err = 1 - 0 = +1  ->  w = [1 0], b = 1",
                "y_hat[4] = s(2) = 1, err = 1 - 1 = 0  ->  no update",
                "y_hat[1] = s(1) = 1, err = 0 - 1 = -1  ->  w = [1 0], b = 0",
                "y_hat[2] = s(0) = 0, err = 1 - 0 = +1  ->  w = [1 1], b = 1");
        String text = run("perceptron-rule");
        assertThat(text).contains("0 updates").contains("[0 0] 0 0\n[0 1] 1 1\n[1 0] 1 1\n[1 1] 1 1");
    }

    @Test
    void sigmoidGradientDescentPrintsExample22() {
        String text = run("sigmoid-gd");
        assertThat(text).contains("Epoch 1:\ny_hat = [0.4750 0.5000 0.5250 0.5498], loss = 0.1130\n"
                + "grad_w = [-0.0575 -0.0591], grad_b = -0.0591\nw = [0.2057 0.1059], b = -0.0941");
        assertThat(text).contains("Epoch 2:\ny_hat = [0.4765 0.5030 0.5279 0.5542], loss = 0.1120\n"
                + "grad_w = [-0.0570 -0.0586], grad_b = -0.0583\nw = [0.2114 0.1118], b = -0.0883");
        assertThat(text).contains("Epoch 5:\ny_hat = [0.4808 0.5116 0.5364 0.5669], loss = 0.1090\n"
                + "grad_w = [-0.0554 -0.0571], grad_b = -0.0559\nw = [0.2282 0.1290], b = -0.0712");
        assertThat(text).contains("predicted class = [0.0000 1.0000 1.0000 1.0000]");
    }

    @Test
    void xorGivenWeightsHiddenTable() throws Exception {
        String text = run("xor-given-weights", "--out", out.toString());
        assertThat(text).contains("0   0   0.34  0.92").contains("0   1   0.06  0.19").contains("1   0   0.72  1.00")
                .contains("1   1   0.26  0.94");
        Tensor y = XorGivenWeights.output(XorGivenWeights.X);
        assertThat(y.greater(0.5).cast(jgrad.core.DType.INT64).reshape(-1).toLongArray()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void denseFromScratchGivesNotes003Numbers() {
        DenseFromScratch.Result r = DenseFromScratch.byHand();
        assertThat(r.h().toDoubleArray()).containsExactly(7.5, 14, 27, 12.5);
        assertThat(r.o().toDoubleArray()).containsExactly(121.5, 62.5);
        assertThat(r.loss()).isEqualTo(9213.25);
        assertThat(r.dW2().toDoubleArray()).containsExactly(903.75, 468.75, 1687, 875, 3253.5, 1687.5, 1506.25, 781.25);
        assertThat(r.db2().toDoubleArray()).containsExactly(120.5, 62.5);
        assertThat(r.dW1().toDoubleArray()).containsExactly(736.5, 274.5, 1272, 910.5, 1227.5, 457.5, 2120, 1517.5);
        assertThat(r.lossAfter()).isCloseTo(196.56, offset(0.005));
        String text = run("dense-from-scratch");
        assertThat(text).contains("Mean Squared Error Loss: 9213.25").contains("196.56").contains("gives the same");
    }

    @Test
    void logicGatesAndXorFromGates() {
        assertThat(LogicGates.column(LogicGates.and(LogicGates.X))).containsExactly(0L, 0L, 0L, 1L);
        assertThat(LogicGates.column(LogicGates.or(LogicGates.X))).containsExactly(0L, 1L, 1L, 1L);
        assertThat(LogicGates.column(LogicGates.nand(LogicGates.X))).containsExactly(1L, 1L, 1L, 0L);
        assertThat(LogicGates.column(LogicGates.xor(LogicGates.X))).containsExactly(0L, 1L, 1L, 0L);
        assertThat(run("logic-gates")).contains("0.4 x 1.0 + 0.5 x 0.4 - 0.8 = -0.2").doesNotContain("null");
    }

    @Test
    void softmaxCrossEntropyExample33() {
        String text = run("softmax-ce");
        assertThat(text).contains("softmax(z) = e^z / sum(e^z) = [0.2447 0.6652 0.0900]")
                .contains("argmax(softmax(z)) = 1").contains("target y = [0 1 0]: L_catlog = -log(0.6652) = 0.4076");
    }

    @Test
    void lossesByFormulaEqualLossesByName() {
        String text = run("losses");
        for (String line : text.lines().filter(l -> l.matches("^(mse|mae|poisson|binary_crossentropy|hinge|squared_hinge)"
                + " .*")).toList()) {
            String[] parts = line.trim().split("\\s+");
            assertThat(parts[parts.length - 1]).as(line).isEqualTo(parts[parts.length - 2]);
        }
        assertThat(text).contains("-log 0.6 = 0.51").contains("0.22 with log10");
    }

    @Test
    void encodingsOfTheNotes() {
        String text = run("encodings");
        assertThat(text).contains("grp2   -> [1 1 0]").contains("rain   -> [0 0 1 0]")
                .contains("10   0.59  -23.14  |   1.000   0.000");
    }

    @Test
    void activationsMatchTheirCentralDifferences() throws Exception {
        String text = run("activations", "--out", out.toString());
        assertThat(text).contains("sigmoid     g    0.0474   0.2689   0.3775   0.6225   0.7311   0.9526");
        for (String line : text.lines().filter(l -> l.contains("central difference")).toList()) {
            double err = Double.parseDouble(line.substring(line.indexOf("<=") + 2).trim());
            assertThat(err).as(line).isLessThan(1e-6);
        }
        assertThat(pngs()).hasSize(8);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThatThrownBy(() -> run("forward-pass", "--nope")).isInstanceOf(Args.UsageException.class)
                .hasMessageContaining("forward-pass: unknown option --nope; options: --out DIR");
    }

    // ------------------------------------------------------------------ trained samples

    @Test
    @Tag("slow")
    void numericalDifferentiationSamplesLearn() throws Exception {
        NumDiffClassifier.Result slp = NumDiffClassifier.run(NumDiffClassifier.Kind.SLP, 60, 1, quiet(), out);
        assertThat(slp.gradientCheck()).as("central differences agree with the tape").isLessThan(1e-6);
        assertThat(slp.testAccuracy()).isGreaterThan(0.85);
        assertThat(slp.history().trainLoss()[59]).isLessThan(slp.history().trainLoss()[0]);
        NumDiffClassifier.Result mlp = NumDiffClassifier.run(NumDiffClassifier.Kind.MLP, 40, 1, quiet(), null);
        NumDiffClassifier.Result linear = NumDiffClassifier.run(NumDiffClassifier.Kind.LINEAR, 40, 1, quiet(), null);
        assertThat(mlp.trainAccuracy()).isGreaterThan(0.85);
        assertThat(linear.trainAccuracy()).as("a linear hidden layer cannot separate the middle blob").isLessThan(0.85);
        assertThat(pngs()).hasSize(2);
        String text = run("numdiff-multiclass", "--quick", "--out", out.toString());
        assertThat(text).contains("0: train_loss=").contains("Accuracy of test data = ");
    }

    @Test
    @Tag("slow")
    void linearRegressionRecoversTheLine() {
        NumDiffRegression.Result r = NumDiffRegression.runLinear(100, 1, quiet(), null);
        assertThat(r.params().get(0).getDouble(0, 0)).isCloseTo(0.5, offset(0.05));
        assertThat(r.params().get(1).getDouble(0, 0)).isCloseTo(0.3, offset(0.05));
        NumDiffRegression.Result sine = NumDiffRegression.runNonlinear(30, 1, quiet(), null);
        double[] loss = sine.history().trainLoss();
        assertThat(loss[loss.length - 1]).isLessThan(loss[0] / 2);
    }

    @Test
    @Tag("slow")
    void xorWithTheKerasApiReachesFullAccuracy() {
        XorKeras.Result r = XorKeras.run(500, 1, 0);
        assertThat(r.evaluation().get("accuracy")).isEqualTo(1.0);
        assertThat(r.evaluation().get("loss")).isLessThan(0.05);
        assertThat(r.yHat().reshape(-1).toFloatArray()).containsExactly(0, 1, 1, 0);
    }

    @Test
    @Tag("slow")
    void mnistDemoTrainsAndReportsTestAccuracy() throws Exception {
        String text = run("mnist-demo", "--quick", "--out", out.toString());
        assertThat(text).contains("8,000 for training, 2,000 held out").contains("Total params: 109,386")
                .contains("Epoch 2/2").contains("[==============================]").contains("Test accuracy: ");
        double acc = Double.parseDouble(text.substring(text.indexOf("Test accuracy: ") + 15).split(" ")[0]);
        assertThat(acc).as("two epochs on 7,200 images").isGreaterThan(0.85);
        assertThat(pngs()).hasSize(2);
    }

    @Test
    @Tag("slow")
    void kerasSamplesOfNotes004Run() throws Exception {
        List<BostonRegression.Outcome> boston = BostonRegression.run(15, 1, quiet(), out);
        assertThat(boston).hasSize(5);
        assertThat(boston.getFirst().testMae()).as("better than predicting the mean (MAE about 6.5)").isLessThan(5);
        String summary = capture(() -> BostonRegression.model(BostonRegression.Variant.NONE).summary());
        assertThat(summary).contains("Total params: 16,321");
        TabularClassification.Result cancer = TabularClassification.breastCancer(30, 1, quiet(), null);
        assertThat(cancer.testAccuracy()).isGreaterThan(0.85);
        TabularClassification.Result wine = TabularClassification.wine(30, 1, quiet(), null);
        assertThat(wine.testAccuracy()).isGreaterThan(0.85);
        assertThat(pngs()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    @Tag("slow")
    void optimizersAndMnistMlpsRunQuickly() {
        assertThat(BostonOptimizers.run(3, 1, quiet(), null)).containsOnlyKeys("SGD", "Momentum", "AdaGrad", "RMSProp",
                "Adam");
        String text = run("mnist-mlp", "--quick", "--variant", "l2-bn-dropout", "--out", out.toString());
        assertThat(text).contains("Performance Comparison").contains("L2 regularization + Dropout + Batch normalization");
        assertThatThrownBy(() -> run("mnist-mlp", "--variant", "huge")).hasMessageContaining("--variant must be");
    }

    @Test
    @Tag("slow")
    void smallTrainingSamplesOfNotes001And003() throws Exception {
        double[] hidden = HiddenUnits.run(60, 1, quiet(), out);
        assertThat(hidden[1]).as("4 hidden units on XOR clouds").isGreaterThan(0.9);
        PerceptronSigmoid.Result p = PerceptronSigmoid.run(5, 3, quiet(), null);
        assertThat(p.accuracy()).isGreaterThan(0.95);
        assertThat(PerceptronSigmoid.onePoint(1.0, 4)).containsExactly(3, -1, 3, -1, 3);
        MlpFromScratch.Result m = MlpFromScratch.run(20, 42, quiet(), null);
        assertThat(m.softmaxAccuracy()).isEqualTo(1.0);
        assertThat(m.linearLoss()).isFinite();
        assertThat(run("learning-rate", "--steps", "20", "--out", out.toString())).contains("1000        0.3687");
    }

    @Test
    @Tag("slow")
    void mlpBenchmarkPrintsItsResultLine() {
        String text = run("mlp-benchmark", "--samples", "640", "--epochs", "1", "--warmup", "0", "--mode", "tape");
        assertThat(text).startsWith("jgrad mode=tape batch=64 samples=640").contains("samples_per_s=")
                .contains("peak_heap_mb=");
    }

    private static PrintStream quiet() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
