package jgrad.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jgrad.core.GradientTape;
import jgrad.core.Scope;
import jgrad.core.Tensor;

/**
 * Prints the backward pass of a {@link Graph} in plain text a student can follow: for each op,
 * from the target back to the parameters, the local derivative rule ({@link DerivativeRules}),
 * the rule with the node names, the same with the numbers, the result, and how it was summed over
 * broadcast axes or added to an earlier contribution. {@code L} stands for the target.
 */
public final class Explainer {
    /** Values with more elements than this are not written out inside a formula, only as results. */
    private static final int FORMULA_LIMIT = Values.INLINE_LIMIT;
    /** Final gradients up to this size are printed in full. */
    private static final int RESULT_LIMIT = 64;

    private Explainer() {}

    /** The forward pass, the backward pass step by step, and the gradients of the parameters. */
    @SuppressWarnings("try") // the scope pauses recording; its variable is not otherwise used
    public static String explain(Graph graph) {
        Objects.requireNonNull(graph, "explain: graph is null");
        Node target = graph.target().orElseThrow(() -> new IllegalStateException(
                "explain: the graph has no gradients yet; call graph.backward(target) first"));
        try (Scope quiet = GradientTape.noGrad()) {
            StringBuilder sb = new StringBuilder();
            sb.append(forward(graph)).append('\n');
            sb.append("Backward pass: the gradient of ").append(target.name()).append(" (L = ")
                    .append(target.value().isScalar() ? Values.number(target.value().item())
                            : "the sum of its " + target.value().size() + " elements")
                    .append(") with respect to every node, seeded with ").append(d(target.name())).append(" = 1.\n");
            sb.append("g is the gradient arriving at the output z of the op being processed; @ is the matrix product,"
                    + " ^T a transpose.\n");
            for (BackwardStep step : graph.steps()) {
                sb.append('\n').append(step(graph, step));
            }
            sb.append('\n').append(result(graph));
            return sb.toString();
        }
    }

    /** Each op node as {@code name = op(inputs) = value}, in the order the ops ran. */
    @SuppressWarnings("try") // the scope pauses recording; its variable is not otherwise used
    public static String forward(Graph graph) {
        StringBuilder sb = new StringBuilder("Forward pass (the ops the tape recorded, in order):\n");
        List<String> leaves = new ArrayList<>();
        for (Node n : graph.nodes()) {
            boolean literal = n.kind() == Node.Kind.CONSTANT && n.value().isScalar() && n.name().equals(n.valueText());
            if (n.isLeaf() && !literal) {
                leaves.add(n.name() + " (" + n.kind().label() + ")");
            }
        }
        if (!leaves.isEmpty()) {
            sb.append("  leaves: ").append(String.join(", ", leaves)).append('\n');
        }
        try (Scope quiet = GradientTape.noGrad()) {
            for (Node n : graph.nodes()) {
                if (!n.isLeaf()) {
                    sb.append("  ").append(header(graph, n)).append(" = ").append(Values.inline(n.value()))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** One step: which node, its rule, the numbers and what each input received. */
    @SuppressWarnings("try") // the scope pauses recording; its variable is not otherwise used
    public static String step(Graph graph, BackwardStep step) {
        Objects.requireNonNull(step, "step");
        Node node = graph.node(step.nodeId());
        Graph.Recorded rec = graph.recordedOf(node.id());
        DerivativeRules.Rule rule = DerivativeRules.of(rec.op(), rec.inputs().length);
        try (Scope quiet = GradientTape.noGrad()) {
            StringBuilder sb = new StringBuilder();
            sb.append("Step ").append(step.number()).append(" of ").append(graph.steps().size()).append(": ")
                    .append(header(graph, node));
            if (node.opDetail() != null) {
                sb.append("   [").append(node.opDetail()).append(']');
            }
            sb.append('\n');
            sb.append("  rule: ").append(rule.summary());
            List<String> with = new ArrayList<>();
            for (int j = 0; j < node.inputs().size(); j++) {
                String sym = rule.symbol(j);
                String name = graph.node(node.inputs().get(j)).name();
                if (!sym.equals(name)) {
                    with.add(sym + " = " + name);
                }
            }
            if (!with.isEmpty()) {
                sb.append("   (").append(String.join(", ", with)).append(")");
            }
            sb.append('\n');
            sb.append("  g = ").append(d(node.name())).append(" = ").append(Values.inline(step.upstream()))
                    .append('\n');
            for (BackwardStep.Term term : step.terms()) {
                appendTerm(sb, graph, node, rec, rule, step, term);
            }
            return sb.toString();
        }
    }

    private static void appendTerm(StringBuilder sb, Graph graph, Node node, Graph.Recorded rec,
            DerivativeRules.Rule rule, BackwardStep step, BackwardStep.Term term) {
        Node input = graph.node(term.inputId());
        String lhs = "  " + d(input.name());
        String op = term.first() ? " = " : " += ";
        String named = rule.formula(term.input(), r -> names(graph, node, rule, r));
        String numeric = rule.formula(term.input(), r -> numbers(rec, step, rule, r));
        sb.append(lhs).append(op).append(named);
        // Numbers say something only where the rule uses more than g itself, and fit on a line.
        boolean small = numeric != null && usesMoreThanG(rule, term.input())
                && numbersFit(rec, step, rule, term.input());
        String result = Values.inline(term.raw());
        if (small && !numeric.equals(named) && !numeric.equals(result)) {
            sb.append(" = ").append(numeric);
        }
        String pad = " ".repeat(lhs.length() + op.length() - 2);
        if (!named.equals(result) || small) {
            sb.append('\n').append(pad).append("= ").append(result);
        }
        sb.append('\n');
        if (term.reduced()) {
            sb.append(pad).append("summed over the broadcast axes to ").append(input.shape()).append(": ")
                    .append(Values.inline(term.local())).append('\n');
        }
        if (!term.first()) {
            sb.append(pad).append("added to what ").append(input.name()).append(" already had: ")
                    .append(d(input.name()))
                    .append(" = ").append(Values.inline(term.accumulated())).append('\n');
        }
    }

    /** The node a symbol stands for, by name: g stays g, z is the output, x/y the inputs. */
    private static String names(Graph graph, Node node, DerivativeRules.Rule rule, DerivativeRules.Ref ref) {
        String name = switch (ref.symbol()) {
            case "g" -> "g";
            case "z" -> node.name();
            default -> graph.node(node.inputs().get(symbolIndex(rule, ref.symbol()))).name();
        };
        return ref.shape() ? name + "'s shape" : name + (ref.transposed() ? "^T" : "");
    }

    private static String numbers(Graph.Recorded rec, BackwardStep step, DerivativeRules.Rule rule,
            DerivativeRules.Ref ref) {
        Tensor v = value(rec, step, rule, ref.symbol());
        if (ref.shape()) {
            return "shape " + v.shape();
        }
        if (ref.transposed() && v.rank() >= 2) {
            v = v.transpose(-2, -1);
        }
        return Values.inline(v);
    }

    private static Tensor value(Graph.Recorded rec, BackwardStep step, DerivativeRules.Rule rule, String symbol) {
        if (symbol.equals("g")) {
            return step.upstream();
        }
        if (symbol.equals("z")) {
            return rec.output();
        }
        return rec.inputs()[symbolIndex(rule, symbol)];
    }

    private static boolean usesMoreThanG(DerivativeRules.Rule rule, int input) {
        boolean[] more = {false};
        rule.formula(input, r -> {
            more[0] |= !r.symbol().equals("g");
            return "";
        });
        return more[0];
    }

    /** True if every value the formula of this input mentions is small enough to write out. */
    private static boolean numbersFit(Graph.Recorded rec, BackwardStep step, DerivativeRules.Rule rule, int input) {
        boolean[] fits = {true};
        rule.formula(input, r -> {
            fits[0] &= r.shape() || value(rec, step, rule, r.symbol()).size() <= FORMULA_LIMIT;
            return "";
        });
        return fits[0];
    }

    private static int symbolIndex(DerivativeRules.Rule rule, String symbol) {
        int i = rule.symbols().indexOf(symbol);
        if (i < 0) {
            throw new IllegalStateException("rule of '" + rule.op() + "' uses an unknown symbol '" + symbol + "'");
        }
        return i;
    }

    /**
     * {@code dL/dW1}; a name that could be misread after the d ({@code dy_dx}, {@code a+b}) is
     * parenthesised: {@code dL/d(dy_dx)}.
     */
    public static String d(String name) {
        boolean plain = name.matches("[A-Za-z0-9]+") && !(name.length() > 1 && name.startsWith("d"));
        return "dL/d" + (plain ? name : "(" + name + ")");
    }

    /** {@code h = add(n2, b1)}, with names. */
    static String header(Graph graph, Node node) {
        List<String> args = new ArrayList<>();
        for (String id : node.inputs()) {
            args.add(graph.node(id).name());
        }
        return node.name() + " = " + node.op() + "(" + String.join(", ", args) + ")";
    }

    /** The gradients of the leaves that take one: what {@code tape.gradient} would return for them. */
    public static String result(Graph graph) {
        StringBuilder sb = new StringBuilder("Gradients of the leaves (what tape.gradient returns for them):\n");
        int width = 0;
        for (Node n : graph.nodes()) {
            if (n.isLeaf() && n.hasGradient()) {
                width = Math.max(width, d(n.name()).length());
            }
        }
        boolean any = false;
        for (Node n : graph.nodes()) {
            if (n.isLeaf() && n.hasGradient()) {
                any = true;
                sb.append("  ").append(d(n.name())).append(" ".repeat(width - d(n.name()).length())).append(" = ")
                        .append(n.gradient().size() <= RESULT_LIMIT ? Values.full(n.gradient(), false)
                                : Values.abbreviated(n.gradient()))
                        .append('\n');
            }
        }
        if (!any) {
            sb.append("  (none: the target depends on no variable or watched tensor)\n");
        }
        return sb.toString();
    }
}
