package jgrad.ops.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.check.OpSpec;
import jgrad.ops.kernels.ElementwiseProgram;

/**
 * An elementwise op declared once, as a formula over its inputs: everything else follows from the
 * declaration. The eager float32/float64 kernel is the formula run by the vectorised interpreter
 * ({@link ElementwiseProgram}: each step a Vector API loop over a cache-resident block, broadcast
 * and strided inputs read in place); the derivative is a formula too (given, or derived by the
 * chain rule), run as an op of the same kind, so gradients of gradients work to any order; the
 * test spec and the explainer's text come from it as well.
 *
 * <pre>{@code
 * ElementwiseOp logCosh = ElementwiseOp.unary("logcosh",
 *         x -> x.abs().add(x.abs().mul(-2).exp().log1p()).sub(Math.log(2)))
 *     .withDerivative(0, Expr.input(0).tanh())      // optional: else derived from the formula
 *     .withDomain(-3, 3);                           // where the test spec samples inputs
 * Tensor y = logCosh.apply(x);
 * }</pre>
 *
 * <p>Ops are values: two declarations with the same name, formula and derivatives are equal (a
 * parametrised op such as {@code swish(beta)} is one declaration per parameter, the parameter a
 * constant in the formula).
 */
public final class ElementwiseOp implements Op {
    private final String name;
    private final int arity;
    private final Expr forward;
    /** The declared derivative per input, null where it is derived from the formula. */
    private final Expr[] declared;
    private final double low;
    private final double high;
    private final String explanation;

    // Derived lazily and cached: the same values whichever thread computes them first.
    private volatile ElementwiseProgram program;
    private final Expr[] derived;
    private final ElementwiseOp[] backward;

    private ElementwiseOp(String name, int arity, Expr forward, Expr[] declared, double low, double high,
            String explanation) {
        this.name = name;
        this.arity = arity;
        this.forward = forward;
        this.declared = declared;
        this.low = low;
        this.high = high;
        this.explanation = explanation;
        this.derived = new Expr[arity];
        this.backward = new ElementwiseOp[arity];
    }

    /**
     * An op of {@code arity} inputs computing {@code forward} (a formula of {@link Expr#input}s
     * below arity, without {@link Expr#output()}).
     */
    public static ElementwiseOp of(String name, int arity, Expr forward) {
        Objects.requireNonNull(name, "ElementwiseOp: name");
        Objects.requireNonNull(forward, "ElementwiseOp " + name + ": forward formula");
        if (name.isBlank()) {
            throw new IllegalArgumentException("ElementwiseOp: name must not be blank");
        }
        if (arity < 1) {
            throw new IllegalArgumentException("ElementwiseOp " + name + ": arity must be >= 1, got " + arity);
        }
        if (forward.arity() > arity) {
            throw new IllegalArgumentException("ElementwiseOp " + name + ": formula " + forward + " uses input "
                    + (forward.arity() - 1) + " but the op has " + arity + " input(s)");
        }
        if (forward.usesOutput()) {
            throw new IllegalArgumentException("ElementwiseOp " + name + ": the forward formula cannot use the output");
        }
        return new ElementwiseOp(name, arity, forward, new Expr[arity], -2, 2, null);
    }

    /** A one-input op: {@code f} gets {@code Expr.input(0)}. */
    public static ElementwiseOp unary(String name, UnaryOperator<Expr> f) {
        return of(name, 1, f.apply(Expr.input(0)));
    }

    /** A two-input op with NumPy broadcasting: {@code f} gets {@code Expr.input(0)} and {@code Expr.input(1)}. */
    public static ElementwiseOp binary(String name, BinaryOperator<Expr> f) {
        return of(name, 2, f.apply(Expr.input(0), Expr.input(1)));
    }

    /**
     * This op with d(output)/d(input i) declared as {@code derivative} (a formula of the inputs and
     * of {@link Expr#output()}), instead of the one derived from the formula: for a simpler or
     * numerically better gradient. The vjp is {@code grad * derivative}.
     */
    public ElementwiseOp withDerivative(int input, Expr derivative) {
        checkInput(input);
        Objects.requireNonNull(derivative, "ElementwiseOp " + name + ": derivative");
        if (derivative.arity() > arity) {
            throw new IllegalArgumentException("ElementwiseOp " + name + ": derivative " + derivative + " uses input "
                    + (derivative.arity() - 1) + " but the op has " + arity + " input(s)");
        }
        Expr[] d = declared.clone();
        d[input] = derivative;
        return new ElementwiseOp(name, arity, forward, d, low, high, explanation);
    }

    /** This op with its test spec drawing inputs from [low, high] (the default is [-2, 2]). */
    public ElementwiseOp withDomain(double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("ElementwiseOp " + name + ": domain needs low < high, got [" + low + ", "
                    + high + "]");
        }
        return new ElementwiseOp(name, arity, forward, declared, low, high, explanation);
    }

    /** This op with a sentence for the explainer (what it is for); the formulas are added to it. */
    public ElementwiseOp withExplanation(String text) {
        return new ElementwiseOp(name, arity, forward, declared, low, high, Objects.requireNonNull(text, "text"));
    }

    @Override
    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    /** The forward formula. */
    public Expr forward() {
        return forward;
    }

    /**
     * d(output)/d(input i): the declared formula, or the one derived by the chain rule (which uses
     * the inputs only). The formula may use {@link Expr#output()}.
     */
    public Expr derivative(int input) {
        checkInput(input);
        if (declared[input] != null) {
            return declared[input];
        }
        Expr d = derived[input];
        if (d == null) {
            d = forward.derivative(input);
            derived[input] = d;
        }
        return d;
    }

    /**
     * What the inputs are called in texts and messages: x (and y), or x0, x1, ... from three on
     * (z is the output in the explainer's texts).
     */
    public List<String> inputNames() {
        if (arity <= 2) {
            return List.of("x", "y").subList(0, arity);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            names.add("x" + i);
        }
        return names;
    }

    /** The forward formula as text, {@code logcosh(x) = abs(x) + ...}. */
    public String formulaText() {
        return name + "(" + String.join(", ", inputNames()) + ") = " + forward.text(inputNames(), "z");
    }

    /**
     * dL/d(input i) as text, in the explainer's symbols: g is the gradient arriving at the output
     * z ({@code g * tanh(x)}); "0" for an input that takes no gradient.
     */
    public String gradientText(int input) {
        return gradientText(input, inputNames(), "g", "z");
    }

    /**
     * dL/d(input i) as text with the inputs, the gradient and the output called as given (the
     * explainer marks them to show numbers in their place).
     */
    public String gradientText(int input, List<String> names, String grad, String out) {
        Expr d = derivative(input);
        if (d.isConstant(0)) {
            return "0";
        }
        List<String> n = new ArrayList<>(names);
        while (n.size() < arity) {
            n.add("x" + n.size());
        }
        n = new ArrayList<>(n.subList(0, arity));
        n.add(grad);
        return Expr.input(arity).mul(d).text(n, out);
    }

    /** The explainer's text: the sentence given, the formula, and dL/d(input) per input. */
    public String explanation() {
        StringBuilder sb = new StringBuilder();
        if (explanation != null) {
            sb.append(explanation).append('\n');
        }
        sb.append(formulaText());
        List<String> names = inputNames();
        for (int i = 0; i < arity; i++) {
            sb.append("\ndL/d").append(names.get(i)).append(" = ").append(gradientText(i));
        }
        return sb.toString();
    }

    /** The interpreter program of the forward formula (built once). */
    public ElementwiseProgram program() {
        ElementwiseProgram p = program;
        if (p == null) {
            p = Primitives.program(forward, arity);
            program = p;
        }
        return p;
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != arity) {
            throw new IllegalArgumentException(name + ": expected " + arity + " input(s), got " + inputs.length);
        }
        List<String> names = inputNames();
        Shape out = inputs[0].shape();
        for (int i = 0; i < arity; i++) {
            Checks.floating(name, names.get(i), inputs[i]);
            if (i > 0) {
                if (inputs[i].dtype() != inputs[0].dtype()) {
                    throw new IllegalArgumentException(name + ": dtype mismatch: " + names.get(0) + " is "
                            + inputs[0].dtype() + " " + inputs[0].shape() + ", " + names.get(i) + " is "
                            + inputs[i].dtype() + " " + inputs[i].shape() + "; cast one of them");
                }
                Shape s = inputs[i].shape();
                if (!s.equals(out)) {
                    out = Shape.broadcast(name, i == 1 ? names.get(0) : "the others", out, names.get(i), s);
                }
            }
        }
        return program().run(inputs, out);
    }

    /**
     * {@code grad * d(output)/d(input i)} for each input, each one op of this kind over the inputs,
     * the gradient (and the output where the derivative uses it): differentiable again.
     */
    @Override
    public Tensor[] vjp(Backward b) {
        Tensor[] grads = new Tensor[arity];
        for (int i = 0; i < arity; i++) {
            if (!b.needsGrad(i)) {
                continue;
            }
            ElementwiseOp op = backward(i);
            if (op == null) {
                grads[i] = null;
                continue;
            }
            Tensor[] in = Arrays.copyOf(b.inputs(), op.arity);
            in[arity] = b.grad();
            if (op.arity > arity + 1) {
                in[arity + 1] = b.output();
            }
            grads[i] = op.apply(in);
        }
        return grads;
    }

    /** The op computing input i's gradient from (inputs, grad[, output]); null when it is always 0. */
    ElementwiseOp backward(int i) {
        ElementwiseOp op = backward[i];
        if (op == null) {
            Expr d = derivative(i);
            if (d.isConstant(0)) {
                return null;
            }
            boolean usesOutput = d.usesOutput();
            List<Expr> inputs = new ArrayList<>();
            for (int j = 0; j < arity; j++) {
                inputs.add(Expr.input(j));
            }
            Expr f = Expr.input(arity).mul(d.substitute(inputs, usesOutput ? Expr.input(arity + 1) : null));
            op = of(name + "_grad" + (arity > 1 ? Integer.toString(i) : ""), arity + (usesOutput ? 2 : 1), f);
            backward[i] = op;
        }
        return op;
    }

    /**
     * The test spec: gradcheck, gradgradcheck, strided views and error messages in the op suite,
     * with inputs drawn from the declared domain.
     */
    public OpSpec spec() {
        return switch (arity) {
            case 1 -> Specs.unary(name, t -> apply(t), low, high).build();
            case 2 -> Specs.binary(name, (x, y) -> apply(x, y), low, high, low, high).build();
            default -> {
                OpSpec.Builder s = OpSpec.builder(name, in -> apply(in.toArray(new Tensor[0])));
                OpSpec.Input[] same = new OpSpec.Input[arity];
                OpSpec.Input[] broadcast = new OpSpec.Input[arity];
                for (int i = 0; i < arity; i++) {
                    same[i] = OpSpec.random(low, high, 2, 3);
                    broadcast[i] = i % 2 == 0 ? OpSpec.random(low, high, 2, 1) : OpSpec.random(low, high, 3);
                }
                yield s.sample(same).sample(broadcast).build();
            }
        };
    }

    private void checkInput(int input) {
        if (input < 0 || input >= arity) {
            throw new IllegalArgumentException("ElementwiseOp " + name + ": input " + input + " out of range for "
                    + arity + " input(s)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElementwiseOp e && e.name.equals(name) && e.arity == arity && e.forward.equals(forward)
                && Arrays.equals(e.declared, declared);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, arity, forward, Arrays.hashCode(declared));
    }

    @Override
    public String toString() {
        return formulaText();
    }
}
