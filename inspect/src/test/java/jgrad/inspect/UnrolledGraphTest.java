package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jgrad.core.GradientTape;
import jgrad.core.NameScope;
import jgrad.core.Scope;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import org.junit.jupiter.api.Test;

/**
 * Time-step scopes make an unrolled graph: Example 6.1's recursion z_t = sigmoid(w_zz z_{t-1} +
 * w_xz x_t + w_0z), y_t = w_zy z_t + w_0y, recorded with one {@link NameScope#timeStep} per step,
 * is laid out one column per step in time order, and its backward pass runs back through time.
 */
@SuppressWarnings("try") // the scopes only tag the ops recorded inside them
class UnrolledGraphTest {
    static final double[] X = {1, 4, 3};

    /** The note's recursion on (1, 4, 3), with loss sum_t (y_t - 0.1)^2, steps tagged t=1..3. */
    static Graph example61(int steps) {
        Variable wzz = Variable.of(Tensor.of(0.5), "w_zz");
        Variable wxz = Variable.of(Tensor.of(0.1), "w_xz");
        Variable w0z = Variable.of(Tensor.of(-1.0), "w_0z");
        Variable wzy = Variable.of(Tensor.of(-0.5), "w_zy");
        Variable w0y = Variable.of(Tensor.of(0.3), "w_0y");
        try (GradientTape tape = new GradientTape()) {
            Tensor z = Tensor.of(0.0);
            Tensor z0 = z;
            Tensor loss = null;
            List<Tensor> xs = new ArrayList<>();
            List<Tensor> zs = new ArrayList<>();
            for (int t = 1; t <= steps; t++) {
                try (Scope s = NameScope.timeStep(t)) {
                    Tensor x = Tensor.of(X[(t - 1) % X.length]);
                    z = wzz.mul(z).add(wxz.mul(x)).add(w0z).sigmoid();
                    Tensor y = wzy.mul(z).add(w0y);
                    Tensor term = y.sub(0.1).square();
                    loss = loss == null ? term : loss.add(term);
                    xs.add(x);
                    zs.add(z);
                }
            }
            Graph.Builder b = Graph.builder(tape).name(z0, "z_0").name(loss, "L");
            for (int t = 0; t < steps; t++) {
                b.name(xs.get(t), "x_" + (t + 1)).name(zs.get(t), "z_" + (t + 1));
            }
            return b.build().backward(loss);
        }
    }

    @Test
    void eachStepsOpsAndInputsFormOneTimeStepClusterInOrder() {
        Graph g = example61(3);
        List<Cluster> steps = g.clusters().stream().filter(Cluster::isTimeStep).toList();
        assertThat(steps).extracting(Cluster::label).containsExactly("t=1", "t=2", "t=3");
        assertThat(steps).extracting(Cluster::timeStep).containsExactly(1, 2, 3);
        for (int t = 1; t <= 3; t++) {
            Cluster c = steps.get(t - 1);
            assertThat(c.nodeIds()).as("x_t is used only in its step").contains(g.named("x_" + t).id())
                    .contains(g.named("z_" + t).id());
            for (String id : c.nodeIds()) {
                assertThat(g.node(id).kind()).as("shared weights stay outside the steps").isNotEqualTo(
                        Node.Kind.VARIABLE);
            }
        }
        assertThat(steps.get(0).nodeIds()).as("z_0 feeds only step 1").contains(g.named("z_0").id());
        assertThat(g.clusterOf(g.named("w_zz").id())).isEmpty();
    }

    @Test
    void theLayoutPutsStepTInColumnTLeftToRight() {
        Graph g = example61(4);
        GraphLayout.Result r = GraphLayout.layout(g, HtmlExporter::size, c -> c.label().length() * 7.2);
        List<Cluster> steps = g.clusters().stream().filter(Cluster::isTimeStep).toList();
        assertThat(steps).hasSize(4);
        double previousRight = Double.NEGATIVE_INFINITY;
        double top = r.clusters().get(steps.get(0).id()).y();
        for (Cluster c : steps) {
            GraphLayout.Box col = r.clusters().get(c.id());
            assertThat(col.x()).as("column of " + c.label() + " starts right of the previous one")
                    .isGreaterThan(previousRight);
            assertThat(col.y()).as("columns share their top").isEqualTo(top);
            previousRight = col.x() + col.width();
            for (String id : c.nodeIds()) {
                GraphLayout.Box b = r.nodes().get(id);
                assertThat(b.x()).isGreaterThanOrEqualTo(col.x());
                assertThat(b.x() + b.width()).isLessThanOrEqualTo(col.x() + col.width());
                assertThat(b.y()).isGreaterThanOrEqualTo(col.y());
                assertThat(b.y() + b.height()).isLessThanOrEqualTo(col.y() + col.height());
            }
        }
        // The shared weights sit above the columns.
        for (String w : List.of("w_zz", "w_xz", "w_0z", "w_zy", "w_0y")) {
            GraphLayout.Box b = r.nodes().get(g.named(w).id());
            assertThat(b.y() + b.height()).as(w).isLessThan(top);
        }
        // No two nodes overlap, and every edge runs from its source's bottom to its target's top.
        List<GraphLayout.Box> boxes = List.copyOf(r.nodes().values());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                GraphLayout.Box a = boxes.get(i);
                GraphLayout.Box b = boxes.get(j);
                assertThat(a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x() || a.y() + a.height() <= b.y()
                        || b.y() + b.height() <= a.y()).as(a + " and " + b).isTrue();
            }
        }
        assertThat(r.edges()).hasSize(g.edges().size());
        for (int i = 0; i < g.edges().size(); i++) {
            Edge e = g.edges().get(i);
            List<GraphLayout.Point> pts = r.edges().get(i);
            GraphLayout.Box from = r.nodes().get(e.from());
            GraphLayout.Box to = r.nodes().get(e.to());
            assertThat(pts.getFirst().y()).isCloseTo(from.y() + from.height(), org.assertj.core.data.Offset.offset(1.5));
            assertThat(pts.getLast().y()).isCloseTo(to.y(), org.assertj.core.data.Offset.offset(1.5));
            assertThat(pts.getLast().x()).isBetween(to.x(), to.x() + to.width());
            for (int k = 1; k < pts.size(); k++) {
                boolean orthogonal = Math.abs(pts.get(k).x() - pts.get(k - 1).x()) < 1e-6
                        || Math.abs(pts.get(k).y() - pts.get(k - 1).y()) < 1e-6;
                assertThat(orthogonal).as("edge " + e + " segment " + k + " " + pts).isTrue();
            }
        }
    }

    @Test
    void theBackwardStepThroughVisitsTheStepsInReverseTime() {
        Graph g = example61(3);
        List<Integer> visited = new ArrayList<>();
        for (BackwardStep s : g.steps()) {
            g.clusterOf(s.nodeId()).filter(Cluster::isTimeStep).ifPresent(c -> {
                if (visited.isEmpty() || visited.getLast() != c.timeStep()) {
                    visited.add(c.timeStep());
                }
            });
        }
        assertThat(visited).containsExactly(3, 2, 1);
        // d L / d w_zz collects one contribution per step, as BPTT's sum over t.
        Node wzz = g.named("w_zz");
        long contributions = g.steps().stream().flatMap(s -> s.terms().stream())
                .filter(term -> term.inputId().equals(wzz.id())).count();
        assertThat(contributions).isEqualTo(3);
        // And the same gradient as the note's recursion dz_t/dw_zz = g'(a_t)[z_{t-1} + w_zz dz_{t-1}/dw_zz].
        double z = 0;
        double dz = 0;
        double dL = 0;
        for (int t = 0; t < 3; t++) {
            double zn = 1 / (1 + Math.exp(-(0.5 * z + 0.1 * X[t] - 1)));
            dz = zn * (1 - zn) * (z + 0.5 * dz);
            z = zn;
            dL += 2 * (-0.5 * z + 0.3 - 0.1) * -0.5 * dz;
        }
        assertThat(wzz.gradient().item()).isCloseTo(dL, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void thePageDrawsOneColumnPerStepAndHighlightsTheCurrentStep() {
        String html = example61(3).toHtml("unrolled");
        assertThat(html.split("class=\"cluster time-step\"", -1)).hasSize(4);
        assertThat(html).contains(">t=1</text>").contains(">t=2</text>").contains(">t=3</text>")
                .contains("one column per time step").contains("(t=3): ").contains("clusterId");
        assertThat(html.indexOf("(t=3): ")).isLessThan(html.indexOf("(t=1): "));
    }

    @Test
    void scopesNestCloseInOrderAndKeepNothingWithoutATape() {
        Variable w = Variable.of(Tensor.of(2.0), "w");
        try (GradientTape tape = new GradientTape()) {
            try (Scope outer = NameScope.open("encoder")) {
                assertThat(NameScope.current()).isEqualTo("encoder");
                try (Scope step = NameScope.timeStep(1)) {
                    assertThat(NameScope.current()).isEqualTo("encoder/t=1");
                    w.mul(3.0);
                }
                try (Scope empty = NameScope.timeStep(2)) {
                    assertThat(NameScope.current()).isEqualTo("encoder/t=2");
                }
            }
            assertThat(NameScope.current()).isEmpty();
            assertThat(tape.scopes()).extracting(NameScope.Span::path).as("an empty scope is not kept")
                    .containsExactly("encoder/t=1", "encoder");
            NameScope.Span step = tape.scopes().get(0);
            assertThat(step.step()).isEqualTo(1);
            assertThat(step.depth()).isEqualTo(1);
            assertThat(step.contains(tape.operations().get(0).sequence())).isTrue();
            Graph g = Graph.of(tape);
            assertThat(g.clusters()).singleElement().satisfies(c -> {
                assertThat(c.label()).isEqualTo("encoder/t=1");
                assertThat(c.timeStep()).isEqualTo(1);
            });
        }
        try (Scope s = NameScope.timeStep(5)) {
            assertThat(NameScope.current()).isEqualTo("t=5");
        }
        assertThatThrownBy(() -> NameScope.open("a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without '/'");
        assertThatThrownBy(() -> NameScope.timeStep(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
