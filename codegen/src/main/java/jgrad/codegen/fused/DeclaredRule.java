package jgrad.codegen.fused;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jgrad.core.Op;
import jgrad.ops.math.ElementwiseOp;
import jgrad.ops.math.Expr;

/**
 * The one rule for every declared {@link ElementwiseOp}: its value is its formula lowered through
 * the rules of the ops inside it (each subformula a temporary, computed once), its derivative the
 * declaration's derivative formula times the gradient. So a declared op fuses with no rule of its
 * own, and fused and eager runs compute the same formula.
 */
final class DeclaredRule implements Rule<ElementwiseOp> {
    @Override
    public int arity(ElementwiseOp op) {
        return op.arity();
    }

    @Override
    public String scalar(ElementwiseOp op, Lowering l, List<String> args) {
        return lower(op.forward(), l, args, false, new HashMap<>());
    }

    @Override
    public String vector(ElementwiseOp op, Lowering l, List<String> args) {
        return lower(op.forward(), l, args, true, new HashMap<>());
    }

    /** The name of a local holding e's value (an argument, a hoisted constant or a temporary). */
    private static String lower(Expr e, Lowering l, List<String> args, boolean vector, Map<Expr, String> done) {
        String known = done.get(e);
        if (known != null) {
            return known;
        }
        String name = switch (e.kind()) {
            case INPUT -> args.get(e.index());
            // A temporary, not a literal, in scalar code: "-" + "-1.0f" would read as a decrement.
            case CONSTANT -> vector ? l.vectorConstant(e.value()) : l.temp(l.literal(e.value()));
            case OUTPUT -> throw new IllegalArgumentException("fused: a forward formula cannot use the output");
            case APPLY -> {
                List<String> a = new ArrayList<>();
                for (Expr x : e.args()) {
                    a.add(lower(x, l, args, vector, done));
                }
                Op inner = e.op();
                Rule<Op> rule = FusionRules.require(inner);
                String expr = vector ? rule.vector(inner, l, a) : rule.scalar(inner, l, a);
                yield rule.producesMask(inner) ? l.tempMask(expr) : l.temp(expr);
            }
        };
        done.put(e, name);
        return name;
    }

    @Override
    public Sym derivative(ElementwiseOp op, int input, Sym grad, List<Sym> inputs, Sym output) {
        return vjp(op, input, grad, inputs, output);
    }

    /**
     * The rule of an op of its own class that is a declared op inside (softplus): the
     * declaration's formula and derivative, as for a declared op.
     */
    record Of<T extends Op>(Function<T, ElementwiseOp> declaration) implements Rule<T> {
        private static final DeclaredRule RULE = new DeclaredRule();

        @Override
        public int arity(T op) {
            return RULE.arity(declaration.apply(op));
        }

        @Override
        public String scalar(T op, Lowering l, List<String> args) {
            return RULE.scalar(declaration.apply(op), l, args);
        }

        @Override
        public String vector(T op, Lowering l, List<String> args) {
            return RULE.vector(declaration.apply(op), l, args);
        }

        @Override
        public Sym derivative(T op, int input, Sym grad, List<Sym> inputs, Sym output) {
            return RULE.derivative(declaration.apply(op), input, grad, inputs, output);
        }
    }

    /**
     * The gradient flowing to {@code input} of an op of the ops' derivative table
     * ({@link Expr#vjp}: the built-in elementwise ops and declared ones), as a Sym over the node's
     * inputs, gradient and output; null where none flows. The one place these formulas live.
     */
    static Sym vjp(Op op, int input, Sym grad, List<Sym> inputs, Sym output) {
        int n = inputs.size();
        List<Expr> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(Expr.input(i));
        }
        Expr d = Expr.vjp(op, input, Expr.input(n), leaves, Expr.output());
        if (d == null || d.kind() == Expr.Kind.CONSTANT && d.value() == 0) {
            return null;
        }
        List<Sym> withGrad = new ArrayList<>(inputs);
        withGrad.add(grad);
        return toSym(d, withGrad, output);
    }

    /** The formula as a Sym: input i is {@code inputs.get(i)}, the output {@code output}. */
    private static Sym toSym(Expr e, List<Sym> inputs, Sym output) {
        return switch (e.kind()) {
            case INPUT -> inputs.get(e.index());
            case OUTPUT -> output;
            case CONSTANT -> Sym.constant(e.value());
            case APPLY -> {
                Sym[] a = new Sym[e.args().size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = toSym(e.args().get(i), inputs, output);
                }
                yield Sym.apply(e.op(), a);
            }
        };
    }
}
