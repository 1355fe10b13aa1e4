package jgrad.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import jgrad.core.GradientTape;
import jgrad.core.Scope;

/**
 * Writes a {@link Graph} as one self-contained HTML page: the graph drawn as inline SVG (laid out
 * by {@link GraphLayout}), a panel showing the value and gradient of the node you click, and
 * buttons (or the arrow keys) that step through the backward pass node by node, highlighting the
 * op being processed and showing its rule and numbers. CSS, script and data are inline, so the
 * page opens from disk without network access. {@code page.html#node=n3} opens with node n3
 * selected, {@code #step=4} at step 4.
 */
final class HtmlExporter {
    /** Values and gradients up to this many elements are shown in full in the panel. */
    private static final int PANEL_VALUES = 400;
    private static final double TITLE_CHAR = 7.9;
    private static final double SUB_CHAR = 6.7;
    private static final double NODE_HEIGHT = 42;
    /** Cluster labels are 12px sans-serif, semibold. */
    private static final double CLUSTER_CHAR = 7.2;

    private HtmlExporter() {}

    @SuppressWarnings("try") // the scope pauses recording; its variable is not otherwise used
    static String toHtml(Graph graph, String title) {
        java.util.Objects.requireNonNull(title, "title");
        try (Scope quiet = GradientTape.noGrad()) {
            GraphLayout.Result layout = GraphLayout.layout(graph, HtmlExporter::size,
                    c -> c.label().length() * CLUSTER_CHAR);
            String svg = svg(graph, layout);
            String data = data(graph, title);
            return TEMPLATE.replace("@@TITLE@@", xml(title))
                    .replace("@@SVG@@", svg)
                    .replace("@@DATA@@", data);
        }
    }

    static double[] size(Node n) {
        double w = Math.max(DotExporter.title(n).length() * TITLE_CHAR,
                Values.shapeAndType(n.value()).length() * SUB_CHAR);
        return new double[] {Math.max(64, Math.ceil(w + 24)), NODE_HEIGHT};
    }

    // ------------------------------------------------------------------ SVG

    private static String svg(Graph graph, GraphLayout.Result layout) {
        StringBuilder sb = new StringBuilder();
        double w = Math.ceil(layout.width());
        double h = Math.ceil(layout.height());
        sb.append("<svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(w))
                .append("\" height=\"").append(num(h)).append("\" viewBox=\"0 0 ").append(num(w)).append(' ')
                .append(num(h)).append("\">\n");
        for (String id : List.of("arrow", "arrow-flow")) {
            sb.append(id.equals("arrow") ? "<defs>" : "").append("<marker id=\"").append(id)
                    .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\"")
                    .append(" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\">")
                    .append("<path d=\"M0,0 L10,5 L0,10 z\"/></marker>");
        }
        sb.append("</defs>\n");
        sb.append("<g class=\"clusters\">\n");
        for (Cluster c : graph.clusters()) {
            GraphLayout.Box b = layout.clusters().get(c.id());
            sb.append("<g class=\"cluster").append(c.isTimeStep() ? " time-step" : "").append("\" data-id=\"")
                    .append(c.id()).append("\"><rect x=\"").append(num(b.x()))
                    .append("\" y=\"").append(num(b.y())).append("\" width=\"").append(num(b.width()))
                    .append("\" height=\"").append(num(b.height())).append("\" rx=\"10\"/><title>")
                    .append(xml(c.label())).append("</title><text x=\"").append(num(b.x() + 10)).append("\" y=\"")
                    .append(num(b.y() + 18)).append("\">").append(xml(fit(c.label(), b.width() - 20)))
                    .append("</text></g>\n");
        }
        sb.append("</g>\n<g class=\"edges\">\n");
        for (int i = 0; i < graph.edges().size(); i++) {
            Edge e = graph.edges().get(i);
            List<GraphLayout.Point> pts = layout.edges().get(i);
            StringBuilder d = new StringBuilder();
            for (int k = 0; k < pts.size(); k++) {
                d.append(k == 0 ? "M" : " L").append(num(pts.get(k).x())).append(',').append(num(pts.get(k).y()));
            }
            sb.append("<path class=\"edge\" id=\"edge-").append(i).append("\" data-from=\"").append(e.from())
                    .append("\" data-to=\"").append(e.to()).append("\" data-input=\"").append(e.input())
                    .append("\" d=\"").append(d).append("\" marker-end=\"url(#arrow)\"/>\n");
            Node to = graph.node(e.to());
            if (to.inputs().size() > 1 && !pts.isEmpty()) {
                GraphLayout.Point end = pts.getLast();
                Graph.Recorded rec = graph.recordedOf(to.id());
                String symbol = DerivativeRules.of(rec.op(), rec.inputs().length).symbol(e.input());
                sb.append("<text class=\"edge-label\" x=\"").append(num(end.x() + 4)).append("\" y=\"")
                        .append(num(end.y() - 6)).append("\">").append(xml(symbol)).append("</text>\n");
            }
        }
        sb.append("</g>\n<g class=\"nodes\">\n");
        String target = graph.target().map(Node::id).orElse(null);
        for (Node n : graph.nodes()) {
            GraphLayout.Box b = layout.nodes().get(n.id());
            boolean result = n.id().equals(graph.output().id()) || n.id().equals(target);
            sb.append("<g class=\"node kind-").append(n.kind().label()).append(result ? " result" : "")
                    .append("\" id=\"node-").append(n.id()).append("\" data-id=\"").append(n.id())
                    .append("\" transform=\"translate(").append(num(b.x())).append(',').append(num(b.y()))
                    .append(")\" tabindex=\"0\">");
            sb.append("<title>").append(xml(n.kind().label() + " " + n.id())).append("</title>");
            double rx = n.kind() == Node.Kind.OP ? b.height() / 2 : 5;
            sb.append("<rect width=\"").append(num(b.width())).append("\" height=\"").append(num(b.height()))
                    .append("\" rx=\"").append(num(rx)).append("\"/>");
            sb.append("<text class=\"t1\" x=\"").append(num(b.width() / 2)).append("\" y=\"18\">")
                    .append(xml(DotExporter.title(n))).append("</text>");
            sb.append("<text class=\"t2\" x=\"").append(num(b.width() / 2)).append("\" y=\"33\">")
                    .append(xml(Values.shapeAndType(n.value()))).append("</text>");
            sb.append("</g>\n");
        }
        sb.append("</g>\n</svg>");
        return sb.toString();
    }

    // ------------------------------------------------------------------ data

    private static String data(Graph graph, String title) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"title\":").append(Json.quote(title));
        sb.append(",\"output\":").append(Json.quote(graph.output().id()));
        sb.append(",\"target\":").append(Json.quote(graph.target().map(Node::id).orElse(null)));
        sb.append(",\"nodes\":[");
        for (int i = 0; i < graph.nodes().size(); i++) {
            Node n = graph.nodes().get(i);
            sb.append(i > 0 ? "," : "").append("\n{\"id\":").append(Json.quote(n.id()));
            sb.append(",\"name\":").append(Json.quote(n.name()));
            sb.append(",\"kind\":").append(Json.quote(n.kind().label()));
            sb.append(",\"op\":").append(Json.quote(n.op()));
            sb.append(",\"detail\":").append(Json.quote(n.opDetail()));
            sb.append(",\"inputs\":").append(Json.strings(n.inputs()));
            sb.append(",\"type\":").append(Json.quote(Values.shapeAndType(n.value())));
            sb.append(",\"value\":").append(Json.quote(Values.block(n.value(), PANEL_VALUES)));
            sb.append(",\"grad\":")
                    .append(Json.quote(n.hasGradient() ? Values.block(n.gradient(), PANEL_VALUES) : null));
            sb.append(",\"gradLabel\":").append(Json.quote(Explainer.d(n.name())));
            sb.append(",\"differentiable\":").append(graph.isDifferentiable(n));
            sb.append(",\"cluster\":").append(Json.quote(graph.clusterOf(n.id()).map(Cluster::label).orElse(null)));
            sb.append(",\"clusterId\":").append(Json.quote(graph.clusterOf(n.id()).map(Cluster::id).orElse(null)));
            sb.append('}');
        }
        sb.append("],\"steps\":[");
        boolean unrolled = graph.clusters().stream().anyMatch(Cluster::isTimeStep);
        if (graph.hasGradients()) {
            Node t = graph.target().orElseThrow();
            sb.append("\n{\"node\":").append(Json.quote(t.id())).append(",\"inputs\":[],\"title\":")
                    .append(Json.quote("Start: " + Explainer.d(t.name()) + " = 1"))
                    .append(",\"text\":").append(Json.quote("The backward pass starts at " + t.name() + " (L = "
                            + (t.value().isScalar() ? Values.number(t.value().item()) : "the sum of its elements")
                            + ") with " + Explainer.d(t.name()) + " = 1 (dL/dL is 1), then visits the ops in the"
                            + " reverse order they ran, so each op's output gradient g is complete when it is used.\n\n"
                            + (unrolled ? "The recurrence is drawn unrolled, one column per time step, left to right."
                                    + " Stepping back through the ops walks the columns right to left: the gradient"
                                    + " flows back through time (BPTT), and the shared weights collect one"
                                    + " contribution per step.\n\n" : "")
                            + "g is the gradient arriving at the output z of the op being processed; @ is the matrix"
                            + " product, ^T a transpose."))
                    .append('}');
            for (BackwardStep s : graph.steps()) {
                Set<String> receiving = new TreeSet<>();
                for (BackwardStep.Term term : s.terms()) {
                    receiving.add(term.inputId());
                }
                Node n = graph.node(s.nodeId());
                sb.append(",\n{\"node\":").append(Json.quote(s.nodeId()))
                        .append(",\"inputs\":").append(Json.strings(new ArrayList<>(receiving)))
                        .append(",\"title\":").append(Json.quote("Step " + s.number() + " of " + graph.steps().size()
                                + graph.clusterOf(n.id()).filter(Cluster::isTimeStep).map(c -> " (" + c.label() + ")")
                                        .orElse("")
                                + ": " + Explainer.header(graph, n)))
                        .append(",\"text\":").append(Json.quote(stripHeader(Explainer.step(graph, s))))
                        .append('}');
            }
            sb.append(",\n{\"node\":null,\"inputs\":[],\"title\":").append(Json.quote("Done"))
                    .append(",\"text\":").append(Json.quote(Explainer.result(graph))).append('}');
        }
        sb.append("]}");
        return sb.toString();
    }

    /** The explainer's step text without its first line, which the page shows as the step title. */
    private static String stripHeader(String text) {
        int nl = text.indexOf('\n');
        String body = nl < 0 ? "" : text.substring(nl + 1);
        // Two spaces of indentation suit the console, not the panel.
        return body.lines().map(l -> l.startsWith("  ") ? l.substring(2) : l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** The label, cut with an ellipsis where it would run past {@code width} pixels (the box's tooltip has it all). */
    static String fit(String label, double width) {
        int chars = (int) Math.floor(width / CLUSTER_CHAR);
        if (label.length() <= chars) {
            return label;
        }
        return chars <= 1 ? "\u2026" : label.substring(0, chars - 1).stripTrailing() + "\u2026";
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String num(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }

    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>@@TITLE@@</title>
            <style>
            :root { --var: #ffd8a8; --var-line: #d9480f; --watch: #d0ebff; --watch-line: #1864ab;
                    --const: #f1f3f5; --const-line: #868e96; --op-line: #343a40; --accent: #e03131; --flow: #2f9e44; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #212529;
                   background: #f8f9fa; }
            header { padding: 10px 16px; background: #fff; border-bottom: 1px solid #dee2e6; display: flex;
                     align-items: center; gap: 18px; flex-wrap: wrap; }
            header h1 { font-size: 17px; margin: 0; }
            .legend { display: flex; gap: 12px; font-size: 12px; color: #495057; align-items: center; }
            .legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px; border: 1.5px solid;
                        vertical-align: -1px; border-radius: 2px; }
            .legend .variable { background: var(--var); border-color: var(--var-line); }
            .legend .watched { background: var(--watch); border-color: var(--watch-line); }
            .legend .constant { background: var(--const); border-color: var(--const-line); border-style: dashed; }
            .legend .op { background: #fff; border-color: var(--op-line); border-radius: 6px; }
            main { display: flex; height: calc(100vh - 50px); }
            #canvas { flex: 1; overflow: auto; padding: 8px; background: #fff; }
            #graph.fit { max-width: 100%; max-height: calc(100vh - 70px); width: auto; height: auto; }
            #side { width: 500px; overflow: auto; border-left: 1px solid #dee2e6; padding: 12px 14px;
                    background: #f8f9fa; }
            #side h2 { font-size: 15px; margin: 4px 0 8px; }
            #side h3 { font-size: 12px; margin: 10px 0 4px; text-transform: uppercase; letter-spacing: .04em;
                       color: #868e96; }
            section { background: #fff; border: 1px solid #dee2e6; border-radius: 8px; padding: 10px 12px;
                      margin-bottom: 12px; }
            .buttons { display: flex; gap: 6px; margin-bottom: 8px; }
            button { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid #adb5bd; border-radius: 6px;
                     background: #fff; cursor: pointer; }
            button:hover:not(:disabled) { background: #e9ecef; }
            button:disabled { opacity: .45; cursor: default; }
            pre { margin: 0; font: 12px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; white-space: pre-wrap;
                  word-break: break-word; background: #f8f9fa; padding: 6px 8px; border-radius: 6px; }
            #step-title { font-weight: 600; margin: 2px 0 6px; font-family: ui-monospace, "DejaVu Sans Mono", monospace;
                          font-size: 13px; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; font-size: 13px; }
            dt { color: #868e96; }
            dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
            a.ref { color: #1c7ed6; cursor: pointer; text-decoration: underline dotted; }
            .muted { color: #868e96; font-style: italic; }
            svg text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
            .node { cursor: pointer; }
            .node rect { stroke-width: 1.4; }
            .node .t1 { font-size: 13px; font-weight: 600; text-anchor: middle; fill: #212529; }
            .node .t2 { font-size: 11px; text-anchor: middle; fill: #495057; }
            .kind-variable rect { fill: var(--var); stroke: var(--var-line); stroke-width: 2.2; }
            .kind-watched rect { fill: var(--watch); stroke: var(--watch-line); }
            .kind-constant rect { fill: var(--const); stroke: var(--const-line); stroke-dasharray: 4 3; }
            .kind-constant .t1 { fill: #495057; font-weight: 400; }
            .kind-op rect { fill: #fff; stroke: var(--op-line); }
            .node.result rect { stroke-width: 3; }
            .node.has-grad rect { fill-opacity: 1; filter: drop-shadow(0 0 2px #2f9e4466); }
            .node.has-grad .t2 { fill: var(--flow); }
            .node.done rect { stroke: #adb5bd; }
            .node.receiving rect { stroke: var(--flow); stroke-width: 3; }
            .node.current rect { stroke: var(--accent); stroke-width: 3.5; }
            .node.selected rect { stroke: #1c7ed6; stroke-width: 3.5; stroke-dasharray: none; }
            .edge { fill: none; stroke: #868e96; stroke-width: 1.3; }
            #arrow path { fill: #868e96; }
            #arrow-flow path { fill: var(--flow); }
            .edge.flow { stroke: var(--flow); stroke-width: 2.6; stroke-dasharray: 6 4; }
            .edge-label { font-size: 10px; fill: #868e96; }
            .cluster rect { fill: #f3f0ff; stroke: #7048e8; stroke-dasharray: 6 4; stroke-width: 1.2; }
            .cluster text { font-size: 12px; fill: #5f3dc4; font-family: system-ui, sans-serif; font-weight: 600; }
            .cluster.time-step rect { fill: #f8f9fa; stroke: #495057; }
            .cluster.time-step text { fill: #343a40; font-size: 14px; }
            .cluster.current rect { fill: #fff5f5; stroke: var(--accent); stroke-width: 2; }
            </style>
            </head>
            <body>
            <header>
            <h1>@@TITLE@@</h1>
            <div class="legend"><span><i class="variable"></i>variable</span><span><i class="watched"></i>watched</span>
            <span><i class="constant"></i>constant</span><span><i class="op"></i>op output</span></div>
            <button id="fit" type="button">100%</button>
            </header>
            <main>
            <div id="canvas">
            @@SVG@@
            </div>
            <aside id="side">
            <section id="stepper">
            <h2>Backward pass</h2>
            <div class="buttons">
            <button id="reset" type="button">&laquo; start</button>
            <button id="prev" type="button">&#9664; back</button>
            <button id="next" type="button">next &#9654;</button>
            </div>
            <div id="step-title"></div>
            <pre id="step-text"></pre>
            </section>
            <section id="details">
            <h2 id="details-title">Click a node</h2>
            <div id="details-body"><p class="muted">Its value and gradient appear here.</p></div>
            </section>
            </aside>
            </main>
            <script type="application/json" id="graph-data">@@DATA@@</script>
            <script>
            (function () {
              "use strict";
              const data = JSON.parse(document.getElementById("graph-data").textContent);
              const byId = new Map(data.nodes.map(n => [n.id, n]));
              const svg = document.getElementById("graph");
              const nodeEl = id => document.getElementById("node-" + id);
              let step = -1;
              let selected = null;

              function el(tag, text, cls) {
                const e = document.createElement(tag);
                if (text !== undefined && text !== null) e.textContent = text;
                if (cls) e.className = cls;
                return e;
              }

              function ref(id) {
                const a = el("a", byId.get(id).name, "ref");
                a.addEventListener("click", () => select(id));
                return a;
              }

              function select(id) {
                const n = byId.get(id);
                if (!n) return;
                if (selected) nodeEl(selected).classList.remove("selected");
                selected = id;
                nodeEl(id).classList.add("selected");
                document.getElementById("details-title").textContent = n.name + " (" + n.kind + ")";
                const body = document.getElementById("details-body");
                body.replaceChildren();
                const dl = el("dl");
                const row = (k, v) => { dl.append(el("dt", k)); const dd = el("dd"); dd.append(v); dl.append(dd); };
                row("id", n.id);
                if (n.op) {
                  const dd = document.createElement("span");
                  dd.append(n.op + "(");
                  n.inputs.forEach((i, k) => { if (k > 0) dd.append(", "); dd.append(ref(i)); });
                  dd.append(")");
                  row("op", dd);
                  if (n.detail) row("attributes", n.detail);
                }
                row("type", n.type);
                if (n.cluster) row("cluster", n.cluster);
                body.append(dl);
                body.append(el("h3", "value"));
                body.append(el("pre", n.value, "value"));
                const targetName = data.target ? byId.get(data.target).name : null;
                const gradTitle = targetName ? "gradient " + n.gradLabel + "  (L = " + targetName + ")" : "gradient";
                body.append(el("h3", gradTitle));
                let why = null;
                if (n.grad === null) {
                  if (!data.target) why = "not computed: export the graph after graph.backward(target)";
                  else if (!n.differentiable) why = "none: a " + n.kind + " takes no gradient";
                  else why = "none: " + targetName + " does not depend on " + n.name;
                }
                body.append(n.grad === null ? el("p", why, "muted grad") : el("pre", n.grad, "grad"));
              }

              function setStep(k) {
                const total = data.steps.length;
                if (total === 0) return;
                step = Math.max(0, Math.min(total - 1, k));
                for (const g of svg.querySelectorAll(".node")) {
                  g.classList.remove("current", "receiving", "done", "has-grad");
                }
                for (const c of svg.querySelectorAll(".cluster")) c.classList.remove("current");
                for (const e of svg.querySelectorAll(".edge")) {
                  e.classList.remove("flow");
                  e.setAttribute("marker-end", "url(#arrow)");
                }
                const s = data.steps[step];
                const hasGrad = new Set([data.target]);
                for (let i = 1; i <= step && i < total; i++) {
                  const p = data.steps[i];
                  if (p.node && i < step) nodeEl(p.node).classList.add("done");
                  p.inputs.forEach(id => hasGrad.add(id));
                }
                hasGrad.forEach(id => nodeEl(id).classList.add("has-grad"));
                if (s.node) {
                  nodeEl(s.node).classList.add("current");
                  const cid = byId.get(s.node).clusterId;
                  if (cid) svg.querySelector(".cluster[data-id='" + cid + "']").classList.add("current");
                  s.inputs.forEach(id => nodeEl(id).classList.add("receiving"));
                  for (const e of svg.querySelectorAll(".edge[data-to='" + s.node + "']")) {
                    if (s.inputs.includes(e.dataset.from)) {
                      e.classList.add("flow");
                      e.setAttribute("marker-end", "url(#arrow-flow)");
                    }
                  }
                }
                document.getElementById("step-title").textContent = s.title;
                document.getElementById("step-text").textContent = s.text;
                document.getElementById("prev").disabled = step === 0;
                document.getElementById("reset").disabled = step === 0;
                document.getElementById("next").disabled = step === total - 1;
              }

              svg.addEventListener("click", ev => {
                const g = ev.target.closest(".node");
                if (g) select(g.dataset.id);
              });
              svg.addEventListener("keydown", ev => {
                const g = ev.target.closest(".node");
                if (g && (ev.key === "Enter" || ev.key === " ")) { select(g.dataset.id); ev.preventDefault(); }
              });
              document.getElementById("next").addEventListener("click", () => setStep(step + 1));
              document.getElementById("prev").addEventListener("click", () => setStep(step - 1));
              document.getElementById("reset").addEventListener("click", () => setStep(0));
              document.addEventListener("keydown", ev => {
                if (ev.key === "ArrowRight") setStep(step + 1);
                if (ev.key === "ArrowLeft") setStep(step - 1);
              });
              const fit = document.getElementById("fit");
              function setFit(on) { svg.classList.toggle("fit", on); fit.textContent = on ? "100%" : "fit"; }
              fit.addEventListener("click", () => setFit(!svg.classList.contains("fit")));
              setFit(true);

              function fromHash() {
                const params = new URLSearchParams(location.hash.replace(/^#/, ""));
                if (params.has("step")) setStep(parseInt(params.get("step"), 10));
                if (params.has("node") && byId.has(params.get("node"))) select(params.get("node"));
              }
              if (data.steps.length === 0) {
                document.getElementById("stepper").replaceChildren(el("h2", "Backward pass"),
                    el("p", "No gradients in this graph: export it after graph.backward(target) to step through"
                        + " the backward pass.", "muted"));
              } else {
                setStep(0);
              }
              window.addEventListener("hashchange", fromHash);
              fromHash();
              window.jgradGraph = { select: select, step: setStep, data: data };
            })();
            </script>
            </body>
            </html>
            """;
}
