package jgrad.samples.cnn;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jgrad.core.Rng;
import jgrad.core.Tensor;
import jgrad.nn.Functional;
import jgrad.nn.Input;
import jgrad.nn.Model;
import jgrad.nn.SymbolicTensor;
import jgrad.nn.layers.Add;
import jgrad.nn.layers.BatchNormalization;
import jgrad.nn.layers.activation.ReLU;
import jgrad.nn.layers.conv.Conv2D;
import jgrad.samples.Args;

/**
 * Example 4.10 of notes 002: a residual block with the functional API. Main path Conv2D(64, 3,
 * same), BatchNormalization, ReLU, Conv2D(64, 3, same), BatchNormalization; shortcut Conv2D(64, 1)
 * on the input; {@code Add()([x1, x2])}, ReLU. 39,488 parameters, 39,232 trainable and 256
 * non-trainable (the batch normalisations' moving statistics). The note's
 * {@code plot_model(model, show_shapes=True)} becomes a PNG and a Graphviz DOT file of the
 * layer graph; a forward pass checks that the block computes ReLU(main + shortcut).
 */
public final class ResidualBlock {
    private ResidualBlock() {}

    /** The model, its drawing, and the check of its forward pass. */
    record Result(Functional model, ModelDiagram diagram, double maxAddDifference) {}

    /** The block at the note's input size, each call recorded in {@code diagram}. */
    static Functional build(ModelDiagram d, int height, int width) {
        SymbolicTensor inputs = d.input(Input.of(height, width, 3));
        SymbolicTensor x1 = d.call(Conv2D.builder(64, 3).strides(1).padding("same").build(), inputs);
        x1 = d.call(new BatchNormalization(), x1);
        x1 = d.call(new ReLU(), x1);
        x1 = d.call(Conv2D.builder(64, 3).strides(1).padding("same").build(), x1);
        x1 = d.call(new BatchNormalization(), x1);
        SymbolicTensor x2 = d.call(Conv2D.builder(64, 1).strides(1).padding("same").build(), inputs);
        SymbolicTensor x = d.call(new Add(), x1, x2);
        SymbolicTensor outputs = d.call(new ReLU(), x);
        return Model.of(inputs, outputs);
    }

    /**
     * Runs the block on a random batch and compares its output with ReLU applied to the sum of the
     * main path and the shortcut, each computed by calling the layers one by one.
     */
    static double checkForward(Functional m, int height, int width, long seed) {
        Tensor x = Tensor.randomNormal(new Rng(seed), 0, 1, 1, height, width, 3);
        Tensor y = m.predict(x);
        var l = m.layers();
        // layers(): input, conv, bn, relu, conv, bn, shortcut conv, add, relu (first-call order).
        Tensor main = x;
        for (int i = 1; i <= 5; i++) {
            main = l.get(i).call(main);
        }
        Tensor shortcut = l.get(6).call(x);
        Tensor expected = main.add(shortcut).relu();
        return y.sub(expected).abs().max().doubleValue();
    }

    static Result run(int height, int width, long seed, PrintStream out, Path outDir) {
        Rng.setGlobalSeed(seed);
        ModelDiagram d = new ModelDiagram();
        Functional m = build(d, height, width);
        m.summary(out);
        double diff = checkForward(m, height, width, seed);
        out.printf(Locale.ROOT, "%nforward pass on a random image (%d x %d x 3): the output equals ReLU(main path +"
                + " shortcut) to %.1e%n", height, width, diff);
        if (outDir != null) {
            out.println("saved " + d.savePng(outDir.resolve("residual_block.png")));
            out.println("saved " + d.writeDot(outDir.resolve("residual_block.dot"))
                    + " (dot -Tpdf residual_block.dot > residual_block.pdf, as the note's plot_model)");
        }
        return new Result(m, d, diff);
    }

    public static void main(String[] args) {
        Args a = Args.parse("residual-block", args, "out=", "seed=");
        run(224, 224, a.longValue("seed", 1), System.out, a.outDir());
    }

    /** The boxes' names in call order, for the tests. */
    static List<String> boxNames(ModelDiagram d) {
        return d.boxes().stream().map(b -> b.name() + ":" + b.className()).toList();
    }
}
