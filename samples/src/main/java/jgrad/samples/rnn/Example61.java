package jgrad.samples.rnn;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.DType;
import jgrad.core.GradientTape;
import jgrad.core.NameScope;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.inspect.Graph;
import jgrad.nn.Layer;
import jgrad.nn.initializers.Initializers;
import jgrad.nn.layers.Dense;
import jgrad.nn.layers.recurrent.LSTM;
import jgrad.nn.layers.recurrent.LSTMCell;
import jgrad.nn.layers.recurrent.RecurrentCell;
import jgrad.nn.layers.recurrent.SimpleRNNCell;
import jgrad.nn.plot.LinePlot;
import jgrad.samples.Args;

/**
 * Note 002, Example 6.1: the one-unit RNN z_t = sigmoid(w_zz z_{t-1} + w_xz x_t + w_0z),
 * y_t = w_zy z_t + w_0y with w_zz 0.5, w_xz 0.1, w_0z -1, w_zy -0.5, w_0y 0.3, z_0 = 0 on the
 * input (1, 4, 3), run by a SimpleRNNCell in a GradientTape loop (float64). It prints the note's
 * z_1 = 0.2891 and y_1 = 0.1554 (and why the exact y_1 is 0.155475), z_2, y_2, z_3, y_3, then
 * backpropagation through time: the note's recursion dz_t/dw_zz = g'(a_t)[z_{t-1} + w_zz
 * dz_{t-1}/dw_zz] beside the tape's gradients, asserted equal to 1e-12. A second part plots the
 * gradient norm per time step: vanishing for w_zz < 1, exploding for w_zz > 1 (the factor
 * w_zz * prod g'), and an LSTM's cell path keeping it alive. With an output folder it also writes
 * bptt-graph.html, the recursion's graph unrolled one column per time step with the backward
 * pass to step through (back through time), and lstm-graph.html, the same for an LSTMCell(2).
 */
public final class Example61 {
    private Example61() {}

    static final double WZZ = 0.5;
    static final double WXZ = 0.1;
    static final double W0Z = -1;
    static final double WZY = -0.5;
    static final double W0Y = 0.3;
    static final double[] X = {1, 4, 3};
    /** The note gives no targets for its loss; the sample takes these. */
    static final double[] TARGETS = {0.2, 0.1, 0.1};

    /** Everything the sample computes, for its test. */
    record Result(double[] z, double[] y, double[] recursion, double[] tape, double lossGradRecursion,
            double lossGradTape, Map<String, double[]> gradientNorms, Graph bptt) {}

    private static Tensor scalar2d(double v) {
        return Tensor.of(new double[][] {{v}});
    }

    @SuppressWarnings("try") // the step scopes only tag the ops recorded inside them
    static Result run(PrintStream out, Path outDir) {
        SimpleRNNCell cell = SimpleRNNCell.builder(1).activation("sigmoid").build();
        cell.setDtype(DType.FLOAT64);
        cell.buildFor(jgrad.core.Shape.of(1));
        cell.setWeights(List.of(scalar2d(WXZ), scalar2d(WZZ), Tensor.of(new double[] {W0Z})));
        Dense output = Dense.builder(1).build();
        output.setDtype(DType.FLOAT64);
        output.call(Tensor.zeros(DType.FLOAT64, 1, 1));
        output.setWeights(List.of(scalar2d(WZY), Tensor.of(new double[] {W0Y})));
        Variable wzz = cell.recurrentKernel();

        out.println("Example 6.1 (note 002): z_t = sigmoid(w_zz z_{t-1} + w_xz x_t + w_0z), y_t = w_zy z_t + w_0y");
        out.printf(Locale.ROOT, "w_zz = %s, w_xz = %s, w_0z = %s, w_zy = %s, w_0y = %s, z_0 = 0, x = (1, 4, 3)%n%n", WZZ,
                WXZ, W0Z, WZY, W0Y);
        int steps = X.length;
        double[] z = new double[steps];
        double[] y = new double[steps];
        double[] tapeDz = new double[steps];
        double lossGradTape;
        Graph bptt;
        try (GradientTape tape = GradientTape.persistent()) {
            Tensor z0 = Tensor.zeros(DType.FLOAT64, 1, 1);
            List<Tensor> states = List.of(z0);
            List<Tensor> zs = new ArrayList<>();
            List<Tensor> ys = new ArrayList<>();
            List<Tensor> xs = new ArrayList<>();
            Tensor loss = null;
            for (int t = 0; t < steps; t++) {
                // Each step's ops are tagged t=1, 2, 3: the graph page draws one column per step.
                try (Scope step = NameScope.timeStep(t + 1)) {
                    Tensor xt = scalar2d(X[t]);
                    RecurrentCell.Output o = cell.call(xt, states);
                    states = o.states();
                    Tensor yt = output.call(o.output());
                    xs.add(xt);
                    zs.add(o.output());
                    ys.add(yt);
                    z[t] = o.output().item();
                    y[t] = yt.item();
                    Tensor term = yt.sub(TARGETS[t]).square();
                    loss = loss == null ? term : loss.add(term);
                }
            }
            // The graph is taken before the gradients: it reads the tape's record.
            Graph.Builder gb = Graph.builder(tape).name(z0, "z_0").name(loss, "L").output(loss);
            for (int t = 0; t < steps; t++) {
                gb.name(xs.get(t), "x_" + (t + 1)).name(zs.get(t), "z_" + (t + 1)).name(ys.get(t), "y_" + (t + 1));
            }
            gb.name(cell.kernel(), "w_xz").name(cell.recurrentKernel(), "w_zz").name(cell.bias(), "w_0z")
                    .name(output.kernel(), "w_zy").name(output.bias(), "w_0y");
            bptt = gb.build().backward(loss);
            for (int t = 0; t < steps; t++) {
                tapeDz[t] = tape.gradient(zs.get(t), wzz).item();
            }
            lossGradTape = tape.gradient(loss, wzz).item();
        }
        // The note rounds z_1 to four places before computing y_1.
        double zRounded = Math.round(z[0] * 1e4) / 1e4;
        out.printf(Locale.ROOT, "t = 1: z_1 = sigmoid(-0.9) = %.4f, y_1 = 0.3 - 0.5 * %.4f = %.4f   (the note's numbers)%n",
                z[0], zRounded, W0Y + WZY * zRounded);
        out.printf(Locale.ROOT, "       exact: z_1 = %.6f and y_1 = %.6f, which rounds to %.4f; the note's 0.1554 comes%n",
                z[0], y[0], y[0]);
        out.printf(Locale.ROOT, "       from z_1 rounded first: 0.3 - 0.5 * 0.2891 = %.5f, printed to four places as %.4f%n",
                W0Y + WZY * zRounded, W0Y + WZY * zRounded);
        for (int t = 1; t < steps; t++) {
            double a = WZZ * z[t - 1] + WXZ * X[t] + W0Z;
            out.printf(Locale.ROOT, "t = %d: z_%d = sigmoid(%.6f) = %.6f, y_%d = %.6f%n", t + 1, t + 1, a, z[t], t + 1,
                    y[t]);
        }

        // The note's recursion, by hand: dz_t/dw_zz = g'(a_t) [z_{t-1} + w_zz dz_{t-1}/dw_zz], g' = z(1-z).
        double[] rec = new double[steps];
        double prevZ = 0;
        double prevD = 0;
        double lossGradRec = 0;
        for (int t = 0; t < steps; t++) {
            double gPrime = z[t] * (1 - z[t]);
            rec[t] = gPrime * (prevZ + WZZ * prevD);
            lossGradRec += -2 * (TARGETS[t] - y[t]) * WZY * rec[t];
            prevZ = z[t];
            prevD = rec[t];
        }
        out.println();
        out.println("backpropagation through time, dz_t/dw_zz:");
        out.println("  t   recursion g'(a_t)[z_{t-1} + w_zz dz_{t-1}/dw_zz]   GradientTape          difference");
        for (int t = 0; t < steps; t++) {
            out.printf(Locale.ROOT, "  %d   %.15f                              %.15f   %.1e%n", t + 1, rec[t], tapeDz[t],
                    Math.abs(rec[t] - tapeDz[t]));
        }
        out.printf(Locale.ROOT, "L = sum_t (y_t - yhat_t)^2 with targets (%.1f, %.1f, %.1f) (the note gives none):%n",
                TARGETS[0], TARGETS[1], TARGETS[2]);
        out.printf(Locale.ROOT, "  dL/dw_zz = sum_t -2(y_t - yhat_t) w_zy dz_t/dw_zz = %.15f (recursion)%n", lossGradRec);
        out.printf(Locale.ROOT, "                                              %.15f (tape), difference %.1e%n",
                lossGradTape, Math.abs(lossGradRec - lossGradTape));
        for (int t = 0; t < steps; t++) {
            check(rec[t], tapeDz[t], "dz_" + (t + 1) + "/dw_zz");
        }
        check(lossGradRec, lossGradTape, "dL/dw_zz");
        out.println("  recursion and tape agree to 1e-12 at every step.");

        Map<String, double[]> norms = gradientNorms(60);
        out.println();
        out.println("gradient of the last output with respect to the input t steps earlier, |dy_T/dx_{T-t}|:");
        out.print("  steps back t:   ");
        int[] show = {1, 5, 10, 20, 40, 59};
        for (int s : show) {
            out.printf(Locale.ROOT, "%10d", s);
        }
        out.println();
        for (Map.Entry<String, double[]> e : norms.entrySet()) {
            out.printf(Locale.ROOT, "  %-40s", e.getKey());
            for (int s : show) {
                out.printf(Locale.ROOT, "%10.2e", e.getValue()[s]);
            }
            out.println();
        }
        out.println("  w_zz < 1 vanishes and w_zz > 1 explodes as (w_zz g')^t; the sigmoid's g' <= 1/4 makes even"
                + " w_zz = 1.5 vanish; the LSTM's cell path c_t = f c_{t-1} + ... passes the gradient on times f.");
        if (outDir != null) {
            out.println("saved " + bptt.writeHtml(outDir.resolve("bptt-graph.html"), "Example 6.1 unrolled: BPTT"
                    + " through z_t = sigmoid(w_zz z_{t-1} + w_xz x_t + w_0z), y_t = w_zy z_t + w_0y")
                    + " (one column per time step; step through the backward pass: it runs back through time)");
            out.println("saved " + lstmGraph().writeHtml(outDir.resolve("lstm-graph.html"), "An LSTMCell(2) on (1, 4,"
                    + " 3), unrolled: BPTT through h_t and the cell path c_t = f_t c_{t-1} + i_t g_t"));
            // A logarithmic axis: the norms span 70 decades, labelled every 10 (1e-60, 1e-50, ...).
            LinePlot p = LinePlot.titled("Example 6.1: gradient norm per time step back")
                    .xLabel("steps back from the last output").yLabel("|dy_T / dx_{T-t}|").size(900, 500).logY();
            for (Map.Entry<String, double[]> e : norms.entrySet()) {
                double[] v = e.getValue();
                double[] xs = new double[v.length - 1];
                double[] ys = new double[v.length - 1];
                for (int i = 1; i < v.length; i++) {
                    xs[i - 1] = i;
                    ys[i - 1] = Math.max(v[i], 1e-300);
                }
                p.line(e.getKey(), xs, ys);
            }
            out.println("saved " + p.save(outDir.resolve("gradient-norms.png")));
        }
        return new Result(z, y, rec, tapeDz, lossGradRec, lossGradTape, norms, bptt);
    }

    /**
     * An LSTMCell(2) run over the input (1, 4, 3) in a tape loop, one {@link NameScope#timeStep}
     * per step, with loss sum(h_3): its graph is drawn unrolled, one column per step, and the
     * backward pass shows the gradient reaching c_1 along the cell path c_t = f_t c_{t-1} + i_t g_t.
     * (The recurrent layers tag their steps themselves while a tape records.)
     */
    @SuppressWarnings("try") // the step scopes only tag the ops recorded inside them
    static Graph lstmGraph() {
        Layer.resetNames();
        // With Keras's default activations by name the cell records each step as one fused
        // lstm_sequence op; tanh passed as a function makes it record the gate ops one by one
        // (the same numbers), so the page shows c_t = f_t * c_{t-1} + i_t * g_t.
        LSTMCell cell = LSTMCell.builder(2).activation(v -> v.tanh()).kernelInitializer(Initializers.glorotUniform(3L))
                .recurrentInitializer(Initializers.orthogonal(1.0, 4L)).build();
        cell.setDtype(DType.FLOAT64);
        cell.buildFor(jgrad.core.Shape.of(1));
        try (GradientTape tape = new GradientTape()) {
            List<Tensor> states = cell.zeroStates(1);
            List<Tensor[]> named = new ArrayList<>();
            for (int t = 0; t < X.length; t++) {
                try (Scope step = NameScope.timeStep(t + 1)) {
                    Tensor xt = scalar2d(X[t]);
                    List<Tensor> before = states;
                    states = cell.call(xt, states).states();
                    named.add(new Tensor[] {xt, states.get(0), states.get(1), before.get(0), before.get(1)});
                }
            }
            Tensor loss = states.get(0).sum();
            Graph.Builder gb = Graph.builder(tape).name(loss, "L").output(loss);
            for (int t = 0; t < named.size(); t++) {
                Tensor[] n = named.get(t);
                gb.name(n[0], "x_" + (t + 1)).name(n[1], "h_" + (t + 1)).name(n[2], "c_" + (t + 1));
                if (t == 0) {
                    gb.name(n[3], "h_0").name(n[4], "c_0");
                }
            }
            return gb.build().backward(loss);
        }
    }

    private static void check(double a, double b, String what) {
        if (Math.abs(a - b) > 1e-12) {
            throw new AssertionError(what + ": recursion " + a + " vs tape " + b);
        }
    }

    /**
     * |dy_T/dx_t| for t steps back, T = {@code steps}, for the note's scalar RNN with w_zz 0.5 and
     * 1.5 with a sigmoid and with a linear g_z, and an LSTM(8) whose forget gates start near 1.
     */
    static Map<String, double[]> gradientNorms(int steps) {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("scalar RNN, linear g_z, w_zz = 0.5", scalarNorms(steps, 0.5, "linear"));
        out.put("scalar RNN, linear g_z, w_zz = 1.5", scalarNorms(steps, 1.5, "linear"));
        out.put("scalar RNN, sigmoid g_z, w_zz = 0.5", scalarNorms(steps, 0.5, "sigmoid"));
        out.put("scalar RNN, sigmoid g_z, w_zz = 1.5", scalarNorms(steps, 1.5, "sigmoid"));
        out.put("LSTM(8), forget bias 3 (cell path)", lstmNorms(steps));
        return out;
    }

    private static Tensor inputs(int steps) {
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = 0.1 * Math.sin(0.7 * t);
        }
        return Tensor.fromFlat(x, 1, steps, 1);
    }

    private static double[] scalarNorms(int steps, double w, String activation) {
        SimpleRNNCell cell = SimpleRNNCell.builder(1).activation(activation).build();
        cell.setDtype(DType.FLOAT64);
        cell.buildFor(jgrad.core.Shape.of(1));
        cell.setWeights(List.of(scalar2d(WXZ), scalar2d(w), Tensor.of(new double[] {activation.equals("linear") ? 0
                : W0Z})));
        Tensor x = inputs(steps);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            List<Tensor> states = List.of(Tensor.zeros(DType.FLOAT64, 1, 1));
            for (int t = 0; t < steps; t++) {
                states = cell.call(x.slice(1, t, t + 1).reshape(1, 1), states).states();
            }
            Tensor yT = states.get(0).mul(WZY).add(W0Y);
            return perStepBack(tape.gradient(yT, x), steps);
        }
    }

    private static double[] lstmNorms(int steps) {
        Layer.resetNames();
        LSTM lstm = LSTM.builder(8).kernelInitializer(Initializers.glorotUniform(1L))
                .recurrentInitializer(Initializers.orthogonal(1.0, 2L))
                .biasInitializer(Initializers.constant(0)).build();
        lstm.setDtype(DType.FLOAT64);
        Tensor x = inputs(steps);
        lstm.call(x);
        // Forget gates near 1 (bias 3, f = 0.95): the cell state carries information, and gradient, far back.
        List<Tensor> w = new ArrayList<>(lstm.getWeights());
        double[] b = new double[32];
        for (int i = 8; i < 16; i++) {
            b[i] = 3;
        }
        w.set(2, Tensor.of(b));
        lstm.setWeights(w);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor yT = lstm.call(x).sum();
            return perStepBack(tape.gradient(yT, x), steps);
        }
    }

    private static double[] perStepBack(Tensor grad, int steps) {
        double[] g = grad.toDoubleArray();
        double[] back = new double[steps];
        for (int t = 0; t < steps; t++) {
            back[steps - 1 - t] = Math.abs(g[t]);
        }
        return back;
    }

    public static void main(String[] args) {
        Args a = Args.parse("example-6-1", args, "out=");
        run(System.out, a.outDir());
    }
}
