package jgrad.samples.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Example 6.1's numbers (note 002 and SEEDS-4-8's calculation), BPTT against the tape, and the gradient-norm plot. */
class Example61Test {
    @TempDir
    Path out;

    @Test
    void printsTheNotesNumbersAndBpttEqualsTheTape() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Example61.Result r = Example61.run(new PrintStream(buf, true, StandardCharsets.UTF_8), out);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(r.z()[0]).isCloseTo(0.289050, offset(5e-7));
        assertThat(r.y()[0]).isCloseTo(0.155475, offset(5e-7));
        assertThat(r.z()[1]).isCloseTo(0.388060, offset(5e-7));
        assertThat(r.y()[1]).isCloseTo(0.105970, offset(5e-7));
        assertThat(r.z()[2]).isCloseTo(0.376139, offset(5e-7));
        assertThat(r.y()[2]).isCloseTo(0.111931, offset(5e-7));
        assertThat(text).contains("z_1 = sigmoid(-0.9) = 0.2891, y_1 = 0.3 - 0.5 * 0.2891 = 0.1554")
                .contains("y_1 = 0.155475, which rounds to 0.1555").contains("0.3 - 0.5 * 0.2891 = 0.15545").contains("sigmoid(-0.455475)").contains("sigmoid(-0.505970)");
        for (int t = 0; t < 3; t++) {
            assertThat(r.tape()[t]).isCloseTo(r.recursion()[t], offset(1e-12));
        }
        assertThat(r.recursion()[0]).as("z_0 = 0 and dz_0 = 0").isEqualTo(0.0);
        assertThat(r.recursion()[2]).isNotEqualTo(0.0);
        assertThat(r.lossGradTape()).isCloseTo(r.lossGradRecursion(), offset(1e-12));
        double[] vanish = r.gradientNorms().get("scalar RNN, linear g_z, w_zz = 0.5");
        double[] explode = r.gradientNorms().get("scalar RNN, linear g_z, w_zz = 1.5");
        double[] lstm = r.gradientNorms().get("LSTM(8), forget bias 3 (cell path)");
        double[] sigmoid = r.gradientNorms().get("scalar RNN, sigmoid g_z, w_zz = 1.5");
        // Linear g_z: exactly |w_zy w_xz| w_zz^t.
        assertThat(vanish[40]).isCloseTo(0.05 * Math.pow(0.5, 40), offset(1e-20));
        assertThat(explode[40]).isCloseTo(0.05 * Math.pow(1.5, 40), offset(1e-3 * 0.05 * Math.pow(1.5, 40)));
        assertThat(sigmoid[40]).as("sigmoid' <= 1/4 makes even w_zz = 1.5 vanish").isLessThan(1e-15);
        assertThat(lstm[40]).as("the LSTM's cell path keeps the gradient").isGreaterThan(1e6 * sigmoid[40])
                .isGreaterThan(1e-4);
        assertThat(Files.exists(out.resolve("gradient-norms.png"))).isTrue();

        // The unrolled graph: one column per time step, its backward pass back through time.
        String html = Files.readString(out.resolve("bptt-graph.html"));
        assertThat(html.split("class=\"cluster time-step\"", -1)).hasSize(4);
        assertThat(html).contains(">t=1</text>").contains(">t=2</text>").contains(">t=3</text>")
                .contains("one column per time step");
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (jgrad.inspect.BackwardStep s : r.bptt().steps()) {
            r.bptt().clusterOf(s.nodeId()).filter(jgrad.inspect.Cluster::isTimeStep).ifPresent(c -> {
                if (order.isEmpty() || order.getLast() != c.timeStep()) {
                    order.add(c.timeStep());
                }
            });
        }
        assertThat(order).containsExactly(3, 2, 1);
        assertThat(r.bptt().named("w_zz").gradient().item()).isCloseTo(r.lossGradTape(), offset(1e-12));
        String lstmPage = Files.readString(out.resolve("lstm-graph.html"));
        assertThat(lstmPage.split("class=\"cluster time-step\"", -1)).as("one column per LSTM step").hasSize(4);
        assertThat(lstmPage).as("the cell path as plain ops: c_t = f c_{t-1} + i g").contains(">c_1 = add<")
                .contains(">c_3 = add<");
    }

    @Test
    void aRecurrentLayerCallIsDrawnOneColumnPerStep() {
        jgrad.nn.Layer.resetNames();
        jgrad.nn.layers.recurrent.SimpleRNN rnn = new jgrad.nn.layers.recurrent.SimpleRNN(2);
        jgrad.core.Tensor x = jgrad.core.Tensor.fromFlat(new float[] {1, 4, 3, 0.5f}, 1, 4, 1);
        jgrad.inspect.Graph g = jgrad.inspect.Graph.trace(in -> rnn.call(in).sum(), x).backward();
        assertThat(g.clusters()).extracting(jgrad.inspect.Cluster::timeStep).containsExactly(1, 2, 3, 4);
        // The layer's shared weights stay outside the steps; each step holds its slice of the input projection.
        assertThat(g.clusterOf(g.nodeOf(rnn.cell().recurrentKernel()).id())).isEmpty();
        assertThat(g.toHtml().split("class=\"cluster time-step\"", -1)).hasSize(5);
        // An LSTM runs its sequence as one fused op; with unroll(true) it steps, one column per step.
        jgrad.nn.layers.recurrent.LSTM lstm = jgrad.nn.layers.recurrent.LSTM.builder(2).unroll(true).build();
        jgrad.inspect.Graph lg = jgrad.inspect.Graph.trace(in -> lstm.call(in).sum(), x).backward();
        assertThat(lg.clusters()).extracting(jgrad.inspect.Cluster::timeStep).containsExactly(1, 2, 3, 4);
    }
}
