package jgrad.inspect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The layout of an unrolled recurrence: a graph with time-step clusters ({@link Cluster#isTimeStep})
 * is drawn as one column per time step, left to right in time order, each column laid out by ELK
 * as {@link GraphLayout} does (values flowing down). What the steps share and what runs before
 * them (the weights, the input projection) sits in a band above the columns; what uses the steps'
 * results (the stacked outputs, the loss) in a band below. Edges between these regions run
 * orthogonally through the gutters between columns and the channels above and below them, so no
 * edge crosses a node: an edge from step t to step t+1 (the recurrence) goes down the gutter
 * between the two columns; edges from the weights fan out from one lane in the upper channel.
 */
final class UnrolledLayout {
    /** Space between a channel's edge and its first lane, and between lanes. */
    private static final double CHANNEL_PAD = 12;
    private static final double LANE = 7;
    /** How far below its source an edge turns towards a gutter, and above its target it turns in. */
    private static final double TURN = 9;

    private UnrolledLayout() {}

    /** Where a node sits: the band above (-1), column c (0, 1, ...), or the band below. */
    private static final int TOP = -1;
    private static final int BOTTOM = Integer.MAX_VALUE;

    static GraphLayout.Result layout(Graph graph, Function<Node, double[]> size, Function<Cluster, Double> labelWidth) {
        // Columns: time steps in order; several clusters of one step (two layers' step t) share its column.
        TreeMap<Integer, List<Cluster>> bySteps = new TreeMap<>();
        for (Cluster c : graph.clusters()) {
            if (c.isTimeStep()) {
                bySteps.computeIfAbsent(c.timeStep(), k -> new ArrayList<>()).add(c);
            }
        }
        List<List<Cluster>> columns = new ArrayList<>(bySteps.values());
        Map<String, Integer> region = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            for (Cluster cl : columns.get(c)) {
                for (String id : cl.nodeIds()) {
                    region.put(id, c);
                }
            }
        }
        // Outside the steps: below if it depends on a step (nodes are in recording order, inputs first).
        for (Node n : graph.nodes()) {
            if (region.containsKey(n.id())) {
                continue;
            }
            boolean after = false;
            for (String in : n.inputs()) {
                Integer r = region.get(in);
                after |= r != null && r != TOP;
            }
            region.put(n.id(), after ? BOTTOM : TOP);
        }
        // Other clusters stay whole: below if any member is.
        List<Cluster> topClusters = new ArrayList<>();
        List<Cluster> bottomClusters = new ArrayList<>();
        for (Cluster c : graph.clusters()) {
            if (c.isTimeStep()) {
                continue;
            }
            boolean below = c.nodeIds().stream().anyMatch(id -> region.get(id) == BOTTOM);
            for (String id : c.nodeIds()) {
                region.put(id, below ? BOTTOM : TOP);
            }
            (below ? bottomClusters : topClusters).add(c);
        }

        // Lay out each region on its own.
        Part top = part(graph, region, TOP, topClusters, size, labelWidth);
        Part bottom = part(graph, region, BOTTOM, bottomClusters, size, labelWidth);
        List<Part> cols = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            cols.add(part(graph, region, c, columns.get(c), size, labelWidth));
        }
        int k = cols.size();

        // Lanes: edges from one source share a lane in each channel and gutter they use.
        Lanes upper = new Lanes();
        Lanes lower = new Lanes();
        List<Lanes> gutters = new ArrayList<>();
        for (int g = 0; g <= k; g++) {
            gutters.add(new Lanes());
        }
        List<Route> routes = new ArrayList<>();
        for (Edge e : graph.edges()) {
            int from = region.get(e.from());
            int to = region.get(e.to());
            Route r = new Route(e, from, to);
            routes.add(r);
            if (from == to) {
                continue;
            }
            if (from == TOP && to != TOP && to != BOTTOM) {
                r.upperLane = upper.of(e.from());
                r.entryGutter = to;
                r.entryLane = gutters.get(to).of(e.from());
            } else if (from == TOP && to == BOTTOM) {
                r.upperLane = upper.of(e.from());
                r.exitGutter = 0;
                r.exitLane = gutters.get(0).of(e.from());
                r.lowerLane = lower.of(e.from());
            } else if (from != TOP && from != BOTTOM && to == BOTTOM) {
                r.exitGutter = from + 1;
                r.exitLane = gutters.get(from + 1).of(e.from());
                r.lowerLane = lower.of(e.from());
            } else if (from != TOP && from != BOTTOM && to != TOP && to != BOTTOM) {
                boolean right = to > from;
                r.exitGutter = right ? from + 1 : from;
                r.entryGutter = right ? to : to + 1;
                r.exitLane = gutters.get(r.exitGutter).of(e.from());
                if (r.entryGutter == r.exitGutter) {
                    r.entryLane = r.exitLane;
                } else {
                    r.lowerLane = lower.of(e.from());
                    r.entryLane = gutters.get(r.entryGutter).of(e.from());
                }
            }
            // Anything else (a value computed below the columns that a step or the top band uses)
            // is drawn as a straight line: no recording order gives it for the RNN layers.
        }

        // Geometry: gutters between columns, channels above and below them.
        double[] gutterX = new double[k + 1];
        double[] colX = new double[k];
        double x = 0;
        for (int g = 0; g <= k; g++) {
            gutterX[g] = x;
            x += width(gutters.get(g));
            if (g < k) {
                colX[g] = x;
                x += cols.get(g).result.width();
            }
        }
        double columnsWidth = x;
        double width = Math.max(columnsWidth, Math.max(top.result.width(), bottom.result.width()));
        double upperY = top.result.height();
        double colsY = upperY + width(upper);
        double colsHeight = 0;
        for (Part p : cols) {
            colsHeight = Math.max(colsHeight, p.result.height());
        }
        double lowerY = colsY + colsHeight;
        double bottomY = lowerY + width(lower);
        double height = bottomY + bottom.result.height();

        Map<String, GraphLayout.Box> nodes = new LinkedHashMap<>();
        Map<String, GraphLayout.Box> clusters = new LinkedHashMap<>();
        top.place((width - top.result.width()) / 2, 0, nodes, clusters);
        for (int c = 0; c < k; c++) {
            cols.get(c).place(colX[c], colsY, nodes, clusters);
        }
        bottom.place((width - bottom.result.width()) / 2, bottomY, nodes, clusters);
        // Keep the graph's node and cluster order in the maps.
        Map<String, GraphLayout.Box> orderedNodes = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            orderedNodes.put(n.id(), nodes.get(n.id()));
        }
        Map<String, GraphLayout.Box> orderedClusters = new LinkedHashMap<>();
        for (Cluster c : graph.clusters()) {
            orderedClusters.put(c.id(), clusters.get(c.id()));
        }

        List<List<GraphLayout.Point>> edges = new ArrayList<>();
        for (Route r : routes) {
            if (r.from == r.to) {
                Part p = r.from == TOP ? top : r.from == BOTTOM ? bottom : cols.get(r.from);
                edges.add(p.route(r.edge));
                continue;
            }
            GraphLayout.Box a = nodes.get(r.edge.from());
            GraphLayout.Box b = nodes.get(r.edge.to());
            double ax = a.centerX();
            double ay = a.y() + a.height();
            double bx = portX(graph.node(r.edge.to()), r.edge.input(), b);
            double by = b.y();
            double turnIn = by - TURN - 3 * (r.edge.input() % 3);
            Path path = new Path(ax, ay);
            if (r.upperLane >= 0 && r.entryGutter >= 0) {
                // Top band -> a step: along the upper channel, down the gutter left of the column.
                double lane = upperY + CHANNEL_PAD + LANE * r.upperLane;
                double gx = gutterX[r.entryGutter] + CHANNEL_PAD + LANE * r.entryLane;
                path.to(ax, lane).to(gx, lane).to(gx, turnIn).to(bx, turnIn).to(bx, by);
            } else if (r.upperLane >= 0) {
                // Top band -> bottom band: round the left of the columns.
                double lane = upperY + CHANNEL_PAD + LANE * r.upperLane;
                double gx = gutterX[0] + CHANNEL_PAD + LANE * r.exitLane;
                double low = lowerY + CHANNEL_PAD + LANE * r.lowerLane;
                path.to(ax, lane).to(gx, lane).to(gx, low).to(bx, low).to(bx, by);
            } else if (r.exitGutter >= 0 && r.to == BOTTOM) {
                double out = ay + TURN;
                double gx = gutterX[r.exitGutter] + CHANNEL_PAD + LANE * r.exitLane;
                double low = lowerY + CHANNEL_PAD + LANE * r.lowerLane;
                path.to(ax, out).to(gx, out).to(gx, low).to(bx, low).to(bx, by);
            } else if (r.exitGutter >= 0) {
                // Step -> step: out to the gutter beside the column, along it (and the lower
                // channel when the steps are not neighbours), into the target's column.
                double out = ay + TURN;
                double gx = gutterX[r.exitGutter] + CHANNEL_PAD + LANE * r.exitLane;
                path.to(ax, out).to(gx, out);
                if (r.lowerLane >= 0) {
                    double low = lowerY + CHANNEL_PAD + LANE * r.lowerLane;
                    double ex = gutterX[r.entryGutter] + CHANNEL_PAD + LANE * r.entryLane;
                    path.to(gx, low).to(ex, low);
                    gx = ex;
                }
                path.to(gx, turnIn).to(bx, turnIn).to(bx, by);
            } else {
                path.to(bx, by);
            }
            edges.add(path.points());
        }
        return new GraphLayout.Result(width, height, orderedNodes, orderedClusters, edges);
    }

    /** Where input {@code input} of {@code n} enters its box: spread along the top in argument order. */
    private static double portX(Node n, int input, GraphLayout.Box b) {
        int count = Math.max(1, n.inputs().size());
        return b.x() + b.width() * (input + 1) / (count + 1);
    }

    /** A channel's or gutter's width for its lanes. */
    private static double width(Lanes lanes) {
        return 2 * CHANNEL_PAD + LANE * Math.max(0, lanes.count() - 1);
    }

    /** Lane numbers by source node, in first-use order. */
    private static final class Lanes {
        private final Map<String, Integer> bySource = new LinkedHashMap<>();

        int of(String source) {
            return bySource.computeIfAbsent(source, s -> bySource.size());
        }

        int count() {
            return bySource.size();
        }
    }

    /** One edge: its regions, and the lanes it takes (-1 where it takes none). */
    private static final class Route {
        final Edge edge;
        final int from;
        final int to;
        int upperLane = -1;
        int lowerLane = -1;
        int exitGutter = -1;
        int exitLane = -1;
        int entryGutter = -1;
        int entryLane = -1;

        Route(Edge edge, int from, int to) {
            this.edge = edge;
            this.from = from;
            this.to = to;
        }
    }

    /** An orthogonal polyline under construction. */
    private static final class Path {
        private final List<GraphLayout.Point> points = new ArrayList<>();

        Path(double x, double y) {
            points.add(new GraphLayout.Point(x, y));
        }

        Path to(double x, double y) {
            GraphLayout.Point last = points.getLast();
            if (last.x() != x || last.y() != y) {
                points.add(new GraphLayout.Point(x, y));
            }
            return this;
        }

        List<GraphLayout.Point> points() {
            return List.copyOf(points);
        }
    }

    /** One region laid out by ELK in its own coordinates, and where it was placed. */
    private static final class Part {
        final GraphLayout.Result result;
        final Map<Edge, Integer> edgeIndex;
        double dx;
        double dy;

        Part(GraphLayout.Result result, Map<Edge, Integer> edgeIndex) {
            this.result = result;
            this.edgeIndex = edgeIndex;
        }

        void place(double x, double y, Map<String, GraphLayout.Box> nodes, Map<String, GraphLayout.Box> clusters) {
            dx = x;
            dy = y;
            result.nodes().forEach((id, b) -> nodes.put(id, shift(b)));
            result.clusters().forEach((id, b) -> clusters.put(id, shift(b)));
        }

        private GraphLayout.Box shift(GraphLayout.Box b) {
            return new GraphLayout.Box(b.x() + dx, b.y() + dy, b.width(), b.height());
        }

        List<GraphLayout.Point> route(Edge e) {
            List<GraphLayout.Point> out = new ArrayList<>();
            for (GraphLayout.Point p : result.edges().get(edgeIndex.get(e))) {
                out.add(new GraphLayout.Point(p.x() + dx, p.y() + dy));
            }
            return out;
        }
    }

    private static Part part(Graph graph, Map<String, Integer> region, int which, List<Cluster> clusters,
            Function<Node, double[]> size, Function<Cluster, Double> labelWidth) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (region.get(n.id()) == which) {
                nodes.add(n);
            }
        }
        if (nodes.isEmpty()) {
            return new Part(new GraphLayout.Result(0, 0, Map.of(), Map.of(), List.of()), Map.of());
        }
        List<Edge> edges = new ArrayList<>();
        Map<Edge, Integer> index = new HashMap<>();
        for (Edge e : graph.edges()) {
            if (region.get(e.from()) == which && region.get(e.to()) == which) {
                index.put(e, edges.size());
                edges.add(e);
            }
        }
        return new Part(GraphLayout.layout(nodes, edges, clusters, size, labelWidth), index);
    }
}
