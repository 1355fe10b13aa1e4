package jgrad.inspect;

import java.util.List;
import java.util.Objects;

/**
 * A named group of nodes drawn inside one box: a fused kernel, the forward part of a nested tape,
 * a layer, or one time step of an unrolled recurrence. A node belongs to at most one cluster.
 *
 * @param timeStep for a cluster made from a {@link jgrad.core.NameScope#timeStep} scope, its step
 *     ({@code t} in {@code t=3}); -1 for other clusters. A graph with time-step clusters is drawn
 *     unrolled: one column per step, in time order.
 */
public record Cluster(String id, String label, List<String> nodeIds, int timeStep) {
    public Cluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        nodeIds = List.copyOf(nodeIds);
        if (timeStep < -1) {
            throw new IllegalArgumentException("Cluster " + id + ": timeStep must be >= 0, or -1 for none, got "
                    + timeStep);
        }
    }

    /** A cluster that is not a time step. */
    public Cluster(String id, String label, List<String> nodeIds) {
        this(id, label, nodeIds, -1);
    }

    /** True for a time step of an unrolled recurrence. */
    public boolean isTimeStep() {
        return timeStep >= 0;
    }
}
