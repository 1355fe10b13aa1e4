package jgrad.inspect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.HierarchyHandling;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places a {@link Graph}'s nodes, edges and clusters for drawing, with Eclipse ELK's layered
 * (Sugiyama) algorithm: values flow top to bottom, each op's arguments enter it left to right in
 * argument order, edges are routed orthogonally around nodes, clusters become boxes that the
 * layout keeps their members inside.
 */
final class GraphLayout {
    /** A rectangle in drawing coordinates (pixels, y down). */
    record Box(double x, double y, double width, double height) {
        double centerX() {
            return x + width / 2;
        }
    }

    record Point(double x, double y) {}

    /**
     * The placed graph: overall size, node and cluster boxes by id, and per edge (in the graph's
     * edge order) the polyline from the source's bottom to the target's top.
     */
    record Result(double width, double height, Map<String, Box> nodes, Map<String, Box> clusters,
            List<List<Point>> edges) {}

    private static final double PADDING = 16;
    private static final double CLUSTER_LABEL = 26;

    private GraphLayout() {}

    /** ELK finds algorithms through this registry; registering twice would only waste time. */
    private static final class Registry {
        static {
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }

        static void ensure() {
            // Loading this class ran the static initialiser, once, under the JVM's class-init lock.
        }
    }

    /** Lays the graph out; {@code size} gives each node's width and height in pixels. */
    static Result layout(Graph graph, Function<Node, double[]> size) {
        return layout(graph, size, c -> 0.0);
    }

    /**
     * As above, with each cluster's box at least {@code labelWidth} pixels wide so its label fits.
     * ELK 0.11 applies a compound node's minimum size with width and height swapped when the
     * direction is DOWN, so the width comes from an invisible strut node inside the cluster instead.
     */
    static Result layout(Graph graph, Function<Node, double[]> size, Function<Cluster, Double> labelWidth) {
        for (Cluster c : graph.clusters()) {
            if (c.isTimeStep()) {
                return UnrolledLayout.layout(graph, size, labelWidth);
            }
        }
        return layout(graph.nodes(), graph.edges(), graph.clusters(), size, labelWidth);
    }

    /**
     * Lays out part of a graph: these nodes, the edges among them (each edge's ends must be in
     * {@code nodes}; the result's routes are in this list's order) and the clusters of them.
     */
    static Result layout(List<Node> graphNodes, List<Edge> graphEdges, List<Cluster> graphClusters,
            Function<Node, double[]> size, Function<Cluster, Double> labelWidth) {
        Registry.ensure();
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, "org.eclipse.elk.layered");
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(PADDING));
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 28.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 34.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 8.0);
        // Keep the order nodes were created in where crossings allow: recording order, struts last.
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);

        Map<String, ElkNode> clusterNodes = new LinkedHashMap<>();
        Map<String, ElkNode> parentOf = new HashMap<>();
        for (Cluster c : graphClusters) {
            ElkNode box = ElkGraphUtil.createNode(root);
            box.setIdentifier(c.id());
            box.setProperty(CoreOptions.PADDING, new ElkPadding(CLUSTER_LABEL + 6, 14, 14, 14));
            box.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
            clusterNodes.put(c.id(), box);

            for (String id : c.nodeIds()) {
                parentOf.put(id, box);
            }
        }
        Map<String, ElkNode> elkNodes = new HashMap<>();
        Map<String, ElkPort> outPorts = new HashMap<>();
        Map<String, List<ElkPort>> inPorts = new HashMap<>();
        for (Node n : graphNodes) {
            ElkNode e = ElkGraphUtil.createNode(parentOf.getOrDefault(n.id(), root));
            e.setIdentifier(n.id());
            double[] wh = size.apply(n);
            e.setDimensions(wh[0], wh[1]);
            e.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_ORDER);
            elkNodes.put(n.id(), e);
            ElkPort out = ElkGraphUtil.createPort(e);
            out.setDimensions(1, 1);
            out.setProperty(CoreOptions.PORT_SIDE, PortSide.SOUTH);
            outPorts.put(n.id(), out);
            List<ElkPort> ins = new ArrayList<>();
            for (int j = 0; j < n.inputs().size(); j++) {
                ElkPort p = ElkGraphUtil.createPort(e);
                p.setDimensions(1, 1);
                p.setProperty(CoreOptions.PORT_SIDE, PortSide.NORTH);
                p.setProperty(CoreOptions.PORT_INDEX, j);
                ins.add(p);
            }
            inPorts.put(n.id(), ins);
        }
        // Created after the members, so the layout tends to put the strut to their right.
        for (Cluster c : graphClusters) {
            double strut = labelWidth.apply(c);
            if (strut > 0) {
                ElkNode spacer = ElkGraphUtil.createNode(clusterNodes.get(c.id()));
                spacer.setIdentifier(c.id() + "-label");
                spacer.setDimensions(strut, 1);
            }
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (Edge edge : graphEdges) {
            ElkPort target = inPorts.get(edge.to()).get(edge.input());
            elkEdges.add(ElkGraphUtil.createSimpleEdge(outPorts.get(edge.from()), target));
        }

        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Map<String, Box> nodeBoxes = new LinkedHashMap<>();
        for (Node n : graphNodes) {
            ElkNode e = elkNodes.get(n.id());
            double[] off = offset(e.getParent());
            nodeBoxes.put(n.id(), new Box(off[0] + e.getX(), off[1] + e.getY(), e.getWidth(), e.getHeight()));
        }
        Map<String, Box> clusterBoxes = new LinkedHashMap<>();
        for (Map.Entry<String, ElkNode> c : clusterNodes.entrySet()) {
            ElkNode e = c.getValue();
            clusterBoxes.put(c.getKey(), new Box(e.getX(), e.getY(), e.getWidth(), e.getHeight()));
        }
        List<List<Point>> routes = new ArrayList<>();
        for (ElkEdge e : elkEdges) {
            double[] off = offset(e.getContainingNode());
            List<Point> pts = new ArrayList<>();
            if (!e.getSections().isEmpty()) {
                ElkEdgeSection s = e.getSections().get(0);
                pts.add(new Point(off[0] + s.getStartX(), off[1] + s.getStartY()));
                for (ElkBendPoint b : s.getBendPoints()) {
                    pts.add(new Point(off[0] + b.getX(), off[1] + b.getY()));
                }
                pts.add(new Point(off[0] + s.getEndX(), off[1] + s.getEndY()));
            }
            routes.add(List.copyOf(pts));
        }
        return new Result(root.getWidth(), root.getHeight(), nodeBoxes, clusterBoxes, routes);
    }

    /** Where a container's coordinate system starts, in root coordinates (the root is at 0, 0). */
    private static double[] offset(ElkNode container) {
        double x = 0;
        double y = 0;
        for (ElkNode c = container; c != null && c.getParent() != null; c = c.getParent()) {
            x += c.getX();
            y += c.getY();
        }
        return new double[] {x, y};
    }
}
