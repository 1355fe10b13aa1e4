package jgrad.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import jgrad.core.GradientTape;
import jgrad.core.Tensor;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** ELK's layered layout: nodes apart, edges from bottom to top in argument order, clusters around members. */
class GraphLayoutTest {
    private static final Offset<Double> PIXEL = Offset.offset(0.5);

    @Test
    void nodesDoNotOverlapAndValuesFlowDownward() {
        Graph g = new Notes003().graph();
        GraphLayout.Result r = GraphLayout.layout(g, n -> new double[] {60 + n.name().length(), 40});
        assertThat(r.nodes()).hasSize(g.nodes().size());
        List<GraphLayout.Box> boxes = List.copyOf(r.nodes().values());
        for (int i = 0; i < boxes.size(); i++) {
            GraphLayout.Box a = boxes.get(i);
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.y()).isGreaterThanOrEqualTo(0);
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(r.width());
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(r.height());
            for (int j = i + 1; j < boxes.size(); j++) {
                GraphLayout.Box b = boxes.get(j);
                boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x() || a.y() + a.height() <= b.y()
                        || b.y() + b.height() <= a.y();
                assertThat(apart).as("boxes " + a + " and " + b).isTrue();
            }
        }
        for (Node n : g.nodes()) {
            assertThat(r.nodes().get(n.id()).width()).isEqualTo(60 + n.name().length());
            for (String in : n.inputs()) {
                assertThat(r.nodes().get(in).y()).isLessThan(r.nodes().get(n.id()).y());
            }
        }
    }

    @Test
    void edgesRunFromTheSourcesBottomToTheTargetsTopInArgumentOrder() {
        Graph g = new Notes003().graph();
        GraphLayout.Result r = GraphLayout.layout(g, n -> new double[] {70, 40});
        assertThat(r.edges()).hasSize(g.edges().size());
        for (int i = 0; i < g.edges().size(); i++) {
            Edge e = g.edges().get(i);
            List<GraphLayout.Point> pts = r.edges().get(i);
            assertThat(pts).hasSizeGreaterThanOrEqualTo(2);
            GraphLayout.Box from = r.nodes().get(e.from());
            GraphLayout.Box to = r.nodes().get(e.to());
            assertThat(pts.getFirst().y()).isCloseTo(from.y() + from.height(), Offset.offset(1.5));
            assertThat(pts.getFirst().x()).isBetween(from.x(), from.x() + from.width());
            assertThat(pts.getLast().y()).isCloseTo(to.y(), Offset.offset(1.5));
            assertThat(pts.getLast().x()).isBetween(to.x(), to.x() + to.width());
        }
        for (Node n : g.nodes()) {
            if (n.inputs().size() == 2) {
                double x0 = endX(g, r, n.id(), 0);
                double x1 = endX(g, r, n.id(), 1);
                assertThat(x0).as(n.id() + ": argument x enters left of y").isLessThan(x1);
            }
        }
    }

    @Test
    void clusterBoxesAreWideEnoughForTheirLabels() {
        Tensor x = Tensor.of(0.5);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.tanh();
            Graph g = Graph.builder(tape).cluster("a label much wider than the nodes", List.of(x, y)).build();
            GraphLayout.Result r = GraphLayout.layout(g, n -> new double[] {60, 40}, c -> 300.0);
            assertThat(r.clusters().get("c0").width()).isGreaterThanOrEqualTo(300);
            assertThat(r.nodes()).containsOnlyKeys("n0", "n1"); // the strut is not a node of the graph
            assertThat(GraphLayout.layout(g, n -> new double[] {60, 40}).clusters().get("c0").width()).isLessThan(200);
        }
    }

    private static double endX(Graph g, GraphLayout.Result r, String to, int input) {
        for (int i = 0; i < g.edges().size(); i++) {
            Edge e = g.edges().get(i);
            if (e.to().equals(to) && e.input() == input) {
                return r.edges().get(i).getLast().x();
            }
        }
        throw new AssertionError("no edge into " + to + " input " + input);
    }

    @Test
    void clusterBoxesHoldTheirMembersAndEdgesLeaveThemCorrectly() {
        Tensor x = Tensor.of(0.5);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = x.tanh();
            Tensor s = y.square();
            Tensor z = s.mul(x);
            Graph g = Graph.builder(tape).cluster("inner", List.of(y, s)).build();
            GraphLayout.Result r = GraphLayout.layout(g, n -> new double[] {80, 40});
            GraphLayout.Box c = r.clusters().get("c0");
            for (String id : List.of(g.nodeOf(y).id(), g.nodeOf(s).id())) {
                GraphLayout.Box b = r.nodes().get(id);
                assertThat(b.x()).isGreaterThan(c.x());
                assertThat(b.y()).isGreaterThan(c.y() + 20); // room for the cluster's label
                assertThat(b.x() + b.width()).isLessThan(c.x() + c.width());
                assertThat(b.y() + b.height()).isLessThan(c.y() + c.height());
            }
            for (String id : List.of(g.nodeOf(x).id(), g.nodeOf(z).id())) {
                GraphLayout.Box b = r.nodes().get(id);
                boolean outside = b.x() + b.width() <= c.x() || c.x() + c.width() <= b.x() || b.y() + b.height() <= c.y()
                        || c.y() + c.height() <= b.y();
                assertThat(outside).isTrue();
            }
            // The edge tanh -> square lies inside the cluster and still joins the two boxes.
            Map<String, GraphLayout.Box> nodes = r.nodes();
            for (int i = 0; i < g.edges().size(); i++) {
                Edge e = g.edges().get(i);
                assertThat(r.edges().get(i).getFirst().y()).isCloseTo(nodes.get(e.from()).y() + 40, Offset.offset(1.5));
                assertThat(r.edges().get(i).getLast().y()).isCloseTo(nodes.get(e.to()).y(), Offset.offset(1.5));
            }
            assertThat(r.nodes().get("n0").height()).isCloseTo(40, PIXEL);
        }
    }
}
