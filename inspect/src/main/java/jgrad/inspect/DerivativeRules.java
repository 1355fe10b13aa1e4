package jgrad.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.core.Op;
import jgrad.ops.math.ElementwiseOp;
import jgrad.ops.reduce.MatMul;

/**
 * The local derivative rule of each op as a short formula a student can read
 * ({@code mul: dL/dx = g * y, dL/dy = g * x}), where {@code g} is the gradient arriving at the
 * op's output {@code z} and x, y are its inputs. These texts explain what each op's {@code vjp}
 * computes; the numbers always come from the vjp itself. Ops without a text get a generic one.
 */
public final class DerivativeRules {
    private DerivativeRules() {}

    private static final Pattern SYMBOL = Pattern.compile("\\{(\\w+)(\\^T|\\.shape)?\\}");

    /**
     * A value a formula mentions: {@code g}, {@code z} or an input symbol, possibly transposed
     * ({@code {y^T}}) or only its shape ({@code {x.shape}}).
     */
    public record Ref(String symbol, boolean transposed, boolean shape) {
        /** How the plain formula writes it: {@code y^T}, {@code x's shape}. */
        public String plain() {
            return shape ? symbol + "'s shape" : symbol + (transposed ? "^T" : "");
        }
    }

    /**
     * One op's rule. Formulas mark the values they use as {@code {g}}, {@code {z}} and the input
     * symbols ({@code {x}}, {@code {y}}; {@code {y^T}} for a transpose, {@code {x.shape}} for a
     * shape) so they can be shown with names or with numbers.
     *
     * @param op the op's name
     * @param symbols what the inputs are called, in argument order ({@code x, y}; {@code c, x, y} for where)
     * @param formulas per input, the template of dL/d(input); null where the input takes no gradient
     * @param differentiable false for ops like round and argmax
     */
    public record Rule(String op, List<String> symbols, List<String> formulas, boolean differentiable) {
        public Rule {
            Objects.requireNonNull(op, "op");
            symbols = List.copyOf(symbols);
            formulas = java.util.Collections.unmodifiableList(new ArrayList<>(formulas));
            if (symbols.size() != formulas.size()) {
                throw new IllegalArgumentException("Rule '" + op + "': " + symbols.size() + " symbols but "
                        + formulas.size() + " formulas");
            }
        }

        /** {@code mul: dL/dx = g * y, dL/dy = g * x}. */
        public String summary() {
            if (!differentiable) {
                return op + ": not differentiable (no gradient flows through it)";
            }
            StringBuilder sb = new StringBuilder(op).append(": ");
            boolean first = true;
            for (int i = 0; i < symbols.size(); i++) {
                if (formulas.get(i) == null) {
                    continue;
                }
                sb.append(first ? "" : ", ").append("dL/d").append(symbols.get(i)).append(" = ").append(formula(i));
                first = false;
            }
            return sb.toString();
        }

        /** The plain formula of dL/d(input i), e.g. {@code g * y}; null if that input takes no gradient. */
        public String formula(int input) {
            String f = formulas.get(input);
            return f == null ? null : render(f, Ref::plain);
        }

        /** The formula of input i with each marked value replaced by {@code text(ref)}. */
        public String formula(int input, Function<Ref, String> text) {
            String f = formulas.get(input);
            return f == null ? null : render(f, text);
        }

        /** The symbol of input i ({@code x}, {@code y}, ...). */
        public String symbol(int input) {
            return symbols.get(input);
        }
    }

    static String render(String template, Function<Ref, String> text) {
        Matcher m = SYMBOL.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Ref ref = new Ref(m.group(1), "^T".equals(m.group(2)), ".shape".equals(m.group(2)));
            m.appendReplacement(sb, Matcher.quoteReplacement(text.apply(ref)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static final List<String> X = List.of("x");
    private static final List<String> XY = List.of("x", "y");

    private static final Map<String, String> UNARY = Map.ofEntries(
            Map.entry("neg", "-{g}"),
            Map.entry("exp", "{g} * {z}"),
            Map.entry("log", "{g} / {x}"),
            Map.entry("log1p", "{g} / (1 + {x})"),
            Map.entry("sqrt", "{g} / (2 * {z})"),
            Map.entry("rsqrt", "-0.5 * {g} * {z}^3"),
            Map.entry("square", "{g} * 2 * {x}"),
            Map.entry("abs", "{g} * sign({x})"),
            Map.entry("sign", "0 (sign is flat almost everywhere)"),
            Map.entry("sin", "{g} * cos({x})"),
            Map.entry("cos", "-{g} * sin({x})"),
            Map.entry("tanh", "{g} * (1 - {z}^2)"),
            Map.entry("sigmoid", "{g} * {z} * (1 - {z})"),
            Map.entry("relu", "{g} where x > 0, else 0"),
            Map.entry("erf", "{g} * 2/sqrt(pi) * exp(-{x}^2)"),
            Map.entry("softplus", "{g} * sigmoid({x})"),
            Map.entry("clip", "{g} where min <= x <= max, else 0"),
            Map.entry("cast", "{g} cast back to x's dtype"),
            Map.entry("softmax", "{z} * ({g} - sum({g} * {z}) along the axis)"),
            Map.entry("logSoftmax", "{g} - exp({z}) * sum({g}) along the axis"),
            Map.entry("sum", "{g} broadcast back to {x.shape}"),
            Map.entry("max", "{g} at the maximum's positions (shared among ties), 0 elsewhere"),
            Map.entry("min", "{g} at the minimum's positions (shared among ties), 0 elsewhere"),
            Map.entry("prod", "{g} * {z} / {x} (the product of the other elements)"),
            Map.entry("reshape", "{g} reshaped to {x.shape}"),
            Map.entry("squeeze", "{g} reshaped to {x.shape}"),
            Map.entry("unsqueeze", "{g} reshaped to {x.shape}"),
            Map.entry("permute", "{g} with the axes permuted back"),
            Map.entry("expand", "{g} summed over the expanded axes"),
            Map.entry("slice", "zeros of {x.shape} with {g} written into the slice"),
            Map.entry("slice_grad", "the same slice of {g}"),
            Map.entry("pad", "{g} with the padding cut off"),
            Map.entry("contiguous", "{g}"));

    private static final Map<String, List<String>> BINARY = Map.ofEntries(
            Map.entry("add", List.of("{g}", "{g}")),
            Map.entry("sub", List.of("{g}", "-{g}")),
            Map.entry("mul", List.of("{g} * {y}", "{g} * {x}")),
            Map.entry("div", List.of("{g} / {y}", "-{g} * {x} / {y}^2")),
            Map.entry("pow", List.of("{g} * {y} * {x}^({y} - 1)", "{g} * {z} * log({x})")),
            Map.entry("maximum", List.of("{g} where x > y (half on ties), else 0",
                    "{g} where y > x (half on ties), else 0")),
            Map.entry("minimum", List.of("{g} where x < y (half on ties), else 0",
                    "{g} where y < x (half on ties), else 0")),
            Map.entry("matmul", List.of("{g} @ {y^T}", "{x^T} @ {g}")),
            Map.entry("gather", java.util.Arrays.asList("{g} added into zeros of {x.shape} at the indices", null)),
            Map.entry("scatter_add", java.util.Arrays.asList("{g} gathered at the indices", null)));

    /** Ops with their own argument names, keyed {@code name/inputCount}: fused layers and losses. */
    private static final Map<String, Rule> SPECIAL = Map.ofEntries(
            special("dense", List.of("x", "w"),
                    "({g} * act'(z)) @ {w^T}", "{x^T} @ ({g} * act'(z))"),
            special("dense", List.of("x", "w", "b"),
                    "({g} * act'(z)) @ {w^T}", "{x^T} @ ({g} * act'(z))", "{g} * act'(z) summed over the rows"),
            special("softmaxCrossEntropy", List.of("t", "x"),
                    "-{g} * logSoftmax({x})", "{g} * (softmax({x}) * sum({t}) - {t})"),
            special("sparseSoftmaxCrossEntropy", List.of("labels", "x"),
                    null, "{g} * (softmax({x}) - onehot({labels}))"),
            special("softmaxCrossEntropyGrad", List.of("t", "x", "u"),
                    "{u} * (sum({g} * p) - {g}) with p = softmax({x})",
                    "{u} * sum({t}) * p * ({g} - sum({g} * p)) with p = softmax({x})",
                    "sum({g} * (p * sum({t}) - {t})) with p = softmax({x})"),
            special("sparseSoftmaxCrossEntropyGrad", List.of("labels", "x", "u"),
                    null, "{u} * p * ({g} - sum({g} * p)) with p = softmax({x})",
                    "sum({g} * (p - onehot({labels}))) with p = softmax({x})"),
            // z = softmax(s q k^T) v, fused: P is recomputed block by block from q, k and the saved
            // log-sum-exp. The softmax's gradient is dS = P * (dP - D): dP = g v^T is what reaches P,
            // and D = rowsum(P * dP) = rowsum(g * z) is the part every weight of a row shares.
            special("scaled_dot_product_attention", List.of("q", "k", "v"),
                    "s * dS @ {k}, with P = softmax(s * {q} @ {k^T}), dS = P * ({g} @ {v^T} - D),"
                            + " D = rowsum({g} * {z}) (the softmax's gradient)",
                    "s * dS^T @ {q} (dS as for q)",
                    "P^T @ {g}: each key's value gets g weighted by its attention weights"),
            special("scaled_dot_product_attention", List.of("q", "k", "v", "mask"),
                    "s * dS @ {k}, with P = softmax(s * {q} @ {k^T}) over the keys the mask allows,"
                            + " dS = P * ({g} @ {v^T} - D), D = rowsum({g} * {z}) (the softmax's gradient)",
                    "s * dS^T @ {q} (dS as for q; masked keys get 0)",
                    "P^T @ {g}: each key's value gets g weighted by its attention weights", null),
            special("scaled_dot_product_attention_grad", List.of("q", "k", "v", "o", "do", "lse"),
                    "the second-order terms of attention through P and dS (AttentionGrad's vjp), {g} = [dq | dk | dv]"
                            + " cotangents", "as for q, transposed", "G^T @ {do}, G the cotangent of do v^T",
                    null, "(P Z) @ C + G @ {v}, C the dv part of {g}", null),
            special("scaled_dot_product_attention_grad", List.of("q", "k", "v", "o", "do", "lse", "mask"),
                    "the second-order terms of attention through P and dS (AttentionGrad's vjp), {g} = [dq | dk | dv]"
                            + " cotangents", "as for q, transposed", "G^T @ {do}, G the cotangent of do v^T",
                    null, "(P Z) @ C + G @ {v}, C the dv part of {g}", null, null));

    /** Convolution and pooling rules, the same for 1, 2 and 3 spatial axes. */
    private static final Map<String, Rule> SPATIAL = spatial();

    private static Map<String, Rule> spatial() {
        Map<String, Rule> m = new java.util.HashMap<>();
        for (String d : List.of("1d", "2d", "3d")) {
            m.put("conv" + d + "/2", new Rule("conv" + d, List.of("x", "w"), List.of(
                    "col2im(({g} * act'(z)) @ {w^T})", "im2col({x})^T @ ({g} * act'(z))"), true));
            m.put("conv" + d + "/3", new Rule("conv" + d, List.of("x", "w", "b"), List.of(
                    "col2im(({g} * act'(z)) @ {w^T})", "im2col({x})^T @ ({g} * act'(z))",
                    "{g} * act'(z) summed over the batch and the positions"), true));
            m.put("avgPool" + d + "/1", new Rule("avgPool" + d, X,
                    List.of("{g} divided by each window's count and spread over its taps"), true));
            m.put("maxPool" + d + "/1", new Rule("maxPool" + d, X,
                    List.of("{g} at the first maximum of each window, 0 elsewhere"), true));
        }
        m.put("avgPoolGrad/1", new Rule("avgPoolGrad", X, List.of("the average pooling of {g}"), true));
        m.put("im2col/1", new Rule("im2col", X, List.of("col2im({g}): each patch row added back where it was read"),
                true));
        m.put("col2im/1", new Rule("col2im", X, List.of("im2col({g}): the patches of g"), true));
        return Map.copyOf(m);
    }

    private static Map.Entry<String, Rule> special(String op, List<String> symbols, String... formulas) {
        return Map.entry(op + "/" + symbols.size(), new Rule(op, symbols, java.util.Arrays.asList(formulas), true));
    }

    private static final List<String> NOT_DIFFERENTIABLE = List.of("round", "argmax", "argmin", "oneHot", "equal",
            "notEqual", "less", "lessEqual", "greater", "greaterEqual");

    /** The rule of this op, taking its attributes into account (matmul's transpose flags). */
    public static Rule of(Op op, int inputCount) {
        Objects.requireNonNull(op, "op");
        if (op instanceof MatMul m && inputCount == 2 && (m.transposeA() || m.transposeB())) {
            // z = op(x) @ op(y) with op a transpose where flagged.
            List<String> f = m.transposeA() && m.transposeB() ? List.of("{y^T} @ {g^T}", "{g^T} @ {x^T}")
                    : m.transposeA() ? List.of("{y} @ {g^T}", "{x} @ {g}")
                    : List.of("{g} @ {y}", "{g^T} @ {x}");
            return new Rule("matmul", XY, f, true);
        }
        if (op instanceof ElementwiseOp e && inputCount == e.arity()) {
            // A declared op's rule is its derivative formula, values marked as in the texts above.
            List<String> symbols = e.inputNames();
            List<String> marked = symbols.stream().map(s -> "{" + s + "}").toList();
            List<String> formulas = new ArrayList<>();
            for (int i = 0; i < inputCount; i++) {
                formulas.add(e.gradientText(i, marked, "{g}", "{z}"));
            }
            return new Rule(e.name(), symbols, formulas, true);
        }
        Rule r = of(op.name(), inputCount);
        return op.isDifferentiable() ? r : new Rule(r.op(), r.symbols(), nulls(inputCount), false);
    }

    /** The rule of the op with this name and number of inputs, or a generic one. */
    public static Rule of(String opName, int inputCount) {
        Objects.requireNonNull(opName, "opName");
        if (inputCount < 0) {
            throw new IllegalArgumentException("DerivativeRules.of: inputCount must be >= 0, got " + inputCount);
        }
        List<String> symbols = symbols(opName, inputCount);
        if (NOT_DIFFERENTIABLE.contains(opName)) {
            return new Rule(opName, symbols, nulls(inputCount), false);
        }
        Rule special = SPECIAL.getOrDefault(opName + "/" + inputCount, SPATIAL.get(opName + "/" + inputCount));
        if (special != null) {
            return special;
        }
        if (inputCount == 1 && UNARY.containsKey(opName)) {
            return new Rule(opName, X, List.of(UNARY.get(opName)), true);
        }
        if (inputCount == 2 && BINARY.containsKey(opName)) {
            return new Rule(opName, XY, BINARY.get(opName), true);
        }
        if (opName.equals("where") && inputCount == 3) {
            return new Rule(opName, symbols, java.util.Arrays.asList(null, "{g} where c, else 0",
                    "{g} where not c, else 0"), true);
        }
        List<String> formulas = new ArrayList<>();
        for (int i = 0; i < inputCount; i++) {
            formulas.add(opName.equals("concat") ? "the part of {g} that " + symbols.get(i) + " filled"
                    : "vjp_" + i + "({g}), the rule op '" + opName + "' implements");
        }
        return new Rule(opName, symbols, formulas, true);
    }

    /** True if this op has a rule text of its own rather than the generic one. */
    static boolean known(String opName, int inputCount) {
        String key = opName + "/" + inputCount;
        return NOT_DIFFERENTIABLE.contains(opName) || SPECIAL.containsKey(key) || SPATIAL.containsKey(key)
                || (inputCount == 1 && UNARY.containsKey(opName))
                || (inputCount == 2 && BINARY.containsKey(opName)) || (opName.equals("where") && inputCount == 3)
                || opName.equals("concat");
    }

    private static List<String> symbols(String opName, int n) {
        if (n == 1) {
            return X;
        }
        if (n == 2) {
            return XY;
        }
        if (n == 3 && opName.equals("where")) {
            return List.of("c", "x", "y");
        }
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add("x" + i);
        }
        return s;
    }

    private static List<String> nulls(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(null);
        }
        return l;
    }
}
