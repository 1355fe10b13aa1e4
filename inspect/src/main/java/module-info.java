/**
 * Teaching and inspection: the graph a {@link jgrad.core.GradientTape} recorded, drawn as Graphviz
 * DOT or as a self-contained interactive HTML page, the backward pass explained step by step, and
 * numerical-versus-autodiff gradient tables.
 */
module jgrad.inspect {
    requires transitive jgrad.ops;
    requires org.eclipse.elk.core;
    requires org.eclipse.elk.graph;
    requires org.eclipse.elk.alg.layered;
    requires org.eclipse.emf.common;
    requires org.eclipse.emf.ecore;

    exports jgrad.inspect;
}
