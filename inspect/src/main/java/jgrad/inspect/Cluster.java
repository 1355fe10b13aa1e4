package jgrad.inspect;

import java.util.List;
import java.util.Objects;

/**
 * A named group of nodes drawn inside one box: a fused kernel, the forward part of a nested tape,
 * a layer. A node belongs to at most one cluster.
 */
public record Cluster(String id, String label, List<String> nodeIds) {
    public Cluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        nodeIds = List.copyOf(nodeIds);
    }
}
