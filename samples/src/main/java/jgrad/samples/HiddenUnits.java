package jgrad.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jgrad.core.GradientTape;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.data.Dataset;
import jgrad.nn.data.Labels;
import jgrad.nn.data.Synthetic;
import jgrad.nn.optimizers.Adam;
import jgrad.nn.plot.DecisionBoundaryPlot;
import jgrad.nn.plot.ScatterPlot;
import jgrad.ops.Losses;

/**
 * Why a hidden layer helps, notes 001: nonlinearly distributed data (XOR-like clouds) with one-hot
 * targets, classified by a network with 2 and then 4 sigmoid hidden units and a softmax output,
 * trained with minibatch Adam on a GradientTape. Each hidden unit is one linear boundary; together
 * they carve the plane, and in the hidden layer's own coordinates ("z space") the classes become
 * linearly separable. Saves the decision boundaries in x space and the data in z space.
 */
public final class HiddenUnits {
    private HiddenUnits() {}

    /** A 2-h-2 network's parameters and its two views of the input. */
    record Network(Variable w1, Variable b1, Variable w2, Variable b2) {
        Tensor hidden(Tensor x) {
            return x.matmul(w1).add(b1).sigmoid();
        }

        Tensor logits(Tensor x) {
            return hidden(x).matmul(w2).add(b2);
        }

        List<Variable> variables() {
            return List.of(w1, b1, w2, b2);
        }
    }

    static Network train(Dataset data, int hidden, int epochs, long seed) {
        Rng rng = new Rng(seed);
        Network net = new Network(Variable.of(Tensor.randomNormal(rng, 0, 1, 2, hidden), "W1"),
                Variable.of(Tensor.zeros(hidden), "b1"), Variable.of(Tensor.randomNormal(rng, 0, 1, hidden, 2), "W2"),
                Variable.of(Tensor.zeros(2), "b2"));
        Adam adam = new Adam(0.05);
        Dataset oneHot = data.mapY(y -> Labels.oneHot(y, 2));
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (jgrad.nn.Batch b : oneHot.batches(50, seed + epoch)) {
                try (GradientTape tape = new GradientTape()) {
                    Tensor loss = Losses.categoricalCrossEntropyWithLogits(b.y(), net.logits(b.x()));
                    adam.apply(tape.gradient(loss, net.variables()), net.variables());
                }
            }
        }
        return net;
    }

    static double accuracy(Network net, Dataset data) {
        return net.logits(data.x()).argmax(1).equal(data.y()).cast(jgrad.core.DType.FLOAT32).mean().item();
    }

    /** Accuracy with 2 and with 4 hidden units. */
    static double[] run(int epochs, long seed, PrintStream out, Path outDir) {
        Dataset data = Synthetic.xor(400, 0.18, seed).mapX(x -> x.sub(0.5f));
        double[] acc = new double[2];
        int k = 0;
        for (int hidden : new int[] {2, 4}) {
            Network net = train(data, hidden, epochs, seed);
            acc[k++] = accuracy(net, data);
            out.printf(Locale.ROOT, "n_input = 2, n_hidden = %d, n_output = 2: training accuracy %.3f%n", hidden,
                    acc[k - 1]);
            if (outDir != null) {
                DecisionBoundaryPlot.of(net::logits).data(data.x(), data.y())
                        .title(hidden + " hidden units: " + hidden + " linear boundaries combined")
                        .save(outDir.resolve("x_space_" + hidden + "_hidden.png"));
                if (hidden == 2) {
                    ScatterPlot.titled("z space: the hidden layer's outputs (2 units)").xLabel("z1").yLabel("z2")
                            .classes(net.hidden(data.x()), data.y()).save(outDir.resolve("z_space_2_hidden.png"));
                }
            }
        }
        if (outDir != null) {
            out.println("saved the boundaries and the z-space view in " + outDir.toAbsolutePath());
        }
        return acc;
    }

    public static void main(String[] args) {
        Args a = Args.parse("hidden-units", args, "quick", "epochs=", "seed=", "out=");
        run(a.positive("epochs", a.quick() ? 20 : 200), a.longValue("seed", 1), System.out, a.outDir());
    }
}
