package jgrad.ops.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jgrad.core.Op;
import jgrad.ops.kernels.Elementwise.Comparison;

/**
 * An elementwise formula over an op's inputs: an input, the op's output (in derivatives only), a
 * constant, or a built-in elementwise op (or a declared {@link ElementwiseOp}) applied to other
 * formulas. It is the one symbolic form an elementwise op is declared in: the eager kernels
 * interpret it, derivatives are formulas too (so gradients of gradients keep working), and its
 * text is what the explainer shows.
 *
 * <pre>{@code
 * Expr x = Expr.input(0);
 * Expr logCosh = x.abs().add(x.abs().mul(-2).exp().log1p()).sub(Math.log(2));
 * }</pre>
 *
 * <p>Expressions are immutable values (structural equals/hashCode): equal subformulas are computed
 * once by the kernels. The fluent methods simplify the obvious cases ({@code x * 1}, {@code x + 0},
 * constant folding of arithmetic on constants) so that derived formulas stay small.
 */
public final class Expr {
    /** What an expression is. */
    public enum Kind { INPUT, OUTPUT, CONSTANT, APPLY }

    private static final Expr OUTPUT = new Expr(Kind.OUTPUT, 0, 0, null, List.of());

    private final Kind kind;
    private final int index;
    private final double value;
    private final Op op;
    private final List<Expr> args;
    private final int hash;

    private Expr(Kind kind, int index, double value, Op op, List<Expr> args) {
        this.kind = kind;
        this.index = index;
        this.value = value;
        this.op = op;
        this.args = args;
        this.hash = Objects.hash(kind, index, Double.doubleToLongBits(value), op, args);
    }

    /** Input {@code i} of the op being declared (0-based). */
    public static Expr input(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("Expr.input: index must be >= 0, got " + i);
        }
        return new Expr(Kind.INPUT, i, 0, null, List.of());
    }

    /** The op's own output: derivative formulas may use it ({@code exp}'s derivative is its output). */
    public static Expr output() {
        return OUTPUT;
    }

    /** A constant, the same for every element. */
    public static Expr constant(double value) {
        return new Expr(Kind.CONSTANT, 0, value, null, List.of());
    }

    /**
     * {@code op} applied to {@code args}. op must be elementwise with a kernel instruction: the
     * float ops of {@code jgrad.ops.math} (not round, not cast) or a declared {@link ElementwiseOp}.
     */
    public static Expr apply(Op op, Expr... args) {
        Objects.requireNonNull(op, "Expr.apply: op");
        int arity = Primitives.arity(op);
        if (arity < 0) {
            throw new IllegalArgumentException("Expr.apply: op " + op.name() + " (" + op.getClass().getName()
                    + ") is not an elementwise primitive; use the ops of jgrad.ops.math or an ElementwiseOp");
        }
        if (args.length != arity) {
            throw new IllegalArgumentException("Expr.apply: " + op.name() + " takes " + arity + " arguments, got "
                    + args.length);
        }
        for (Expr a : args) {
            Objects.requireNonNull(a, "Expr.apply: argument of " + op.name());
        }
        return new Expr(Kind.APPLY, 0, 0, op, List.of(args));
    }

    public Kind kind() {
        return kind;
    }

    /** The input's position (kind INPUT). */
    public int index() {
        return index;
    }

    /** The constant's value (kind CONSTANT). */
    public double value() {
        return value;
    }

    /** The op (kind APPLY), else null. */
    public Op op() {
        return op;
    }

    /** The op's arguments (kind APPLY), else empty. */
    public List<Expr> args() {
        return args;
    }

    boolean isConstant(double v) {
        return kind == Kind.CONSTANT && Double.compare(value, v) == 0;
    }

    /** One more than the highest input index used (0 for a constant formula). */
    public int arity() {
        return switch (kind) {
            case INPUT -> index + 1;
            case OUTPUT, CONSTANT -> 0;
            case APPLY -> args.stream().mapToInt(Expr::arity).max().orElse(0);
        };
    }

    /** True if the formula mentions {@link #output()}. */
    public boolean usesOutput() {
        return kind == Kind.OUTPUT || args.stream().anyMatch(Expr::usesOutput);
    }

    /** This formula with input i replaced by {@code inputs.get(i)} and the output by {@code out}. */
    public Expr substitute(List<Expr> inputs, Expr out) {
        return switch (kind) {
            case INPUT -> {
                if (index >= inputs.size()) {
                    throw new IllegalArgumentException("Expr.substitute: formula uses input " + index + " but only "
                            + inputs.size() + " are given");
                }
                yield inputs.get(index);
            }
            case OUTPUT -> {
                if (out == null) {
                    throw new IllegalArgumentException("Expr.substitute: formula uses the output, none given");
                }
                yield out;
            }
            case CONSTANT -> this;
            case APPLY -> {
                List<Expr> a = new ArrayList<>(args.size());
                for (Expr e : args) {
                    a.add(e.substitute(inputs, out));
                }
                yield Primitives.simplify(op, a);
            }
        };
    }

    /**
     * The derivative of this formula with respect to input {@code i}, by the chain rule over the
     * built-in derivative of each op (the same conventions as the ops' vjps: no gradient at relu's
     * kink, ties of maximum split, pow's at 0). The formula must not use {@link #output()}.
     */
    public Expr derivative(int i) {
        return switch (kind) {
            case INPUT -> constant(index == i ? 1 : 0);
            case CONSTANT -> constant(0);
            case OUTPUT -> throw new IllegalArgumentException(
                    "Expr.derivative: a formula that uses the output has no derivative by input; substitute it first");
            case APPLY -> {
                Expr sum = constant(0);
                for (int a = 0; a < args.size(); a++) {
                    Expr inner = args.get(a).derivative(i);
                    if (inner.isConstant(0)) {
                        continue;
                    }
                    // Every vjp is linear in its gradient: the vjp of the inner derivative is
                    // the chain rule's product d op / d arg * d arg / d x_i.
                    Expr term = Primitives.vjp(op, a, inner, args, this);
                    if (term != null) {
                        sum = sum.add(term);
                    }
                }
                yield sum;
            }
        };
    }

    /**
     * The gradient flowing to input {@code input} of {@code op} (a built-in elementwise op or a
     * declared one) given the gradient {@code grad} at its output, its arguments and its output:
     * the op's vjp as a formula, null where no gradient flows (a comparison, where's condition).
     * The one table of these formulas (the code generator's backward kernels use it too).
     */
    public static Expr vjp(Op op, int input, Expr grad, List<Expr> args, Expr output) {
        Objects.requireNonNull(op, "Expr.vjp: op");
        int arity = Primitives.arity(op);
        if (arity < 0) {
            throw new IllegalArgumentException("Expr.vjp: op " + op.name() + " is not an elementwise primitive");
        }
        if (args.size() != arity || input < 0 || input >= arity) {
            throw new IllegalArgumentException("Expr.vjp: " + op.name() + " takes " + arity + " arguments, got "
                    + args.size() + " (input " + input + ")");
        }
        return Primitives.vjp(op, input, grad, args, output);
    }

    // Fluent forms of the primitives.

    public Expr add(Expr y) {
        return Primitives.simplify(new Add(), List.of(this, y));
    }

    public Expr add(double y) {
        return add(constant(y));
    }

    public Expr sub(Expr y) {
        return Primitives.simplify(new Sub(), List.of(this, y));
    }

    public Expr sub(double y) {
        return sub(constant(y));
    }

    public Expr mul(Expr y) {
        return Primitives.simplify(new Mul(), List.of(this, y));
    }

    public Expr mul(double y) {
        return mul(constant(y));
    }

    public Expr div(Expr y) {
        return Primitives.simplify(new Div(), List.of(this, y));
    }

    public Expr div(double y) {
        return div(constant(y));
    }

    public Expr pow(Expr y) {
        return Primitives.simplify(new Pow(), List.of(this, y));
    }

    public Expr pow(double y) {
        return pow(constant(y));
    }

    public Expr maximum(Expr y) {
        return Primitives.simplify(new Maximum(), List.of(this, y));
    }

    public Expr minimum(Expr y) {
        return Primitives.simplify(new Minimum(), List.of(this, y));
    }

    public Expr neg() {
        return Primitives.simplify(new Neg(), List.of(this));
    }

    public Expr exp() {
        return apply(new Exp(), this);
    }

    public Expr log() {
        return apply(new Log(), this);
    }

    public Expr log1p() {
        return apply(new Log1p(), this);
    }

    public Expr sqrt() {
        return apply(new Sqrt(), this);
    }

    public Expr rsqrt() {
        return apply(new Rsqrt(), this);
    }

    public Expr square() {
        return apply(new Square(), this);
    }

    public Expr abs() {
        return apply(new Abs(), this);
    }

    public Expr sign() {
        return apply(new Sign(), this);
    }

    public Expr sin() {
        return apply(new Sin(), this);
    }

    public Expr cos() {
        return apply(new Cos(), this);
    }

    public Expr tanh() {
        return apply(new Tanh(), this);
    }

    public Expr sigmoid() {
        return apply(new Sigmoid(), this);
    }

    public Expr relu() {
        return apply(new Relu(), this);
    }

    public Expr erf() {
        return apply(new Erf(), this);
    }

    public Expr clip(double min, double max) {
        return apply(new Clip(min, max), this);
    }

    public Expr equal(Expr y) {
        return apply(new Compare(Comparison.EQ), this, y);
    }

    public Expr less(Expr y) {
        return apply(new Compare(Comparison.LT), this, y);
    }

    public Expr lessEqual(Expr y) {
        return apply(new Compare(Comparison.LE), this, y);
    }

    public Expr greater(Expr y) {
        return apply(new Compare(Comparison.GT), this, y);
    }

    public Expr greaterEqual(Expr y) {
        return apply(new Compare(Comparison.GE), this, y);
    }

    /** {@code condition ? x : y}; condition is a comparison (or an input holding a mask). */
    public static Expr where(Expr condition, Expr x, Expr y) {
        // An input may stand for a mask (the condition of a where whose vjp is being written).
        if (!condition.isMask() && condition.kind() != Kind.INPUT) {
            throw new IllegalArgumentException("Expr.where: the condition must be a comparison, got " + condition);
        }
        return Primitives.simplify(new Where(), List.of(condition, x, y));
    }

    /** True if this formula's value is a mask (a comparison), not a number. */
    public boolean isMask() {
        return kind == Kind.APPLY && op instanceof Compare;
    }

    /** The formula as text with inputs named {@code names} and the output {@code out} ({@code tanh(x)}). */
    public String text(List<String> names, String out) {
        return switch (kind) {
            case INPUT -> index < names.size() ? names.get(index) : "x" + index;
            case OUTPUT -> out;
            case CONSTANT -> Primitives.number(value);
            case APPLY -> Primitives.text(op, args, names, out);
        };
    }

    @Override
    public String toString() {
        return text(List.of(), "out");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expr e && e.hash == hash && e.kind == kind && e.index == index
                && Double.compare(e.value, value) == 0 && Objects.equals(e.op, op) && e.args.equals(args);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
