package jgrad.ops.math;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jgrad.core.GradientTape;
import jgrad.core.Op;
import jgrad.core.Tensor;
import jgrad.ops.kernels.Elementwise.Binary;
import jgrad.ops.kernels.Elementwise.Unary;
import jgrad.ops.kernels.ElementwiseProgram;

/**
 * The table behind {@link Expr}: for each elementwise op of this package, one row with its arity,
 * its vjp (as a formula, with the conventions of the op's own vjp), its kernel instruction and its
 * text. A declared {@link ElementwiseOp} inside a formula is expanded into
 * its own formula.
 */
final class Primitives {
    private Primitives() {}

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** The op's arity, or -1 if it cannot appear in a formula. */
    static int arity(Op op) {
        return switch (op) {
            case Add a -> 2;
            case Sub s -> 2;
            case Mul m -> 2;
            case Div d -> 2;
            case Pow p -> 2;
            case Maximum m -> 2;
            case Minimum m -> 2;
            case Compare c -> 2;
            case Where w -> 3;
            case Neg n -> 1;
            case Exp e -> 1;
            case Log l -> 1;
            case Log1p l -> 1;
            case Sqrt s -> 1;
            case Rsqrt r -> 1;
            case Square s -> 1;
            case Abs a -> 1;
            case Sign s -> 1;
            case Sin s -> 1;
            case Cos c -> 1;
            case Tanh t -> 1;
            case Sigmoid s -> 1;
            case Relu r -> 1;
            case Erf e -> 1;
            case Clip c -> 1;
            case ElementwiseOp d -> d.arity();
            default -> -1;
        };
    }

    /**
     * The gradient flowing to {@code args[i]} given the gradient {@code g} at op's output: each
     * op's vjp as a formula of g, the arguments and {@code self} (the op applied to them, for ops
     * whose derivative reuses their value), with the conventions of the op's own vjp; null where no
     * gradient flows (a mask). The one table of these formulas: the chain rule here, the code
     * generator's fused backward kernels and declared ops' gradients all use it.
     */
    static Expr vjp(Op op, int i, Expr g, List<Expr> args, Expr self) {
        Expr zero = Expr.constant(0);
        Expr x = args.get(0);
        Expr y = args.size() > 1 ? args.get(1) : null;
        return switch (op) {
            case Add a -> g;
            case Sub s -> i == 0 ? g : g.neg();
            case Mul m -> g.mul(args.get(1 - i));
            // d/dx = 1/y; d/dy = -x/y^2 = -(g/y) * (x/y), reusing the output (as Div's vjp).
            case Div d -> i == 0 ? g.div(y) : g.div(y).mul(self).neg();
            // No gradient to x where y == 0; to y, x^y log x except 0 where x == 0 and y >= 0 (PyTorch).
            case Pow p -> {
                if (i == 0) {
                    yield Expr.where(y.equal(zero), zero, g.mul(y).mul(x.pow(y.sub(1))));
                }
                Expr d = self.mul(x.log());
                yield g.mul(Expr.where(x.equal(zero), Expr.where(y.greaterEqual(zero), zero, d), d));
            }
            case Maximum m -> tieSplit(i, g, x, y, true);
            case Minimum m -> tieSplit(i, g, x, y, false);
            case Compare c -> null;
            case Where w -> i == 0 ? null : i == 1 ? Expr.where(x, g, zero) : Expr.where(x, zero, g);
            case Neg n -> g.neg();
            case Exp e -> g.mul(self);
            case Log l -> g.div(x);
            case Log1p l -> g.div(x.add(1));
            case Sqrt s -> g.div(self.mul(2));
            case Rsqrt r -> g.mul(self.mul(self).mul(self)).mul(-0.5);
            case Square s -> g.mul(x.mul(2));
            case Abs a -> g.mul(x.sign());
            case Sign s -> zero;
            case Sin s -> g.mul(x.cos());
            case Cos c -> g.mul(x.sin()).neg();
            case Tanh t -> g.mul(self.square().neg().add(1));
            case Sigmoid s -> g.mul(self.mul(self.neg().add(1)));
            case Relu r -> Expr.where(x.greater(zero), g, zero);
            case Erf e -> g.mul(x.square().neg().exp().mul(TWO_OVER_SQRT_PI));
            // The gradient passes where clipping left x unchanged, bounds included (as Clip's vjp).
            case Clip c -> Expr.where(self.equal(x), g, zero);
            case ElementwiseOp d -> g.mul(d.derivative(i).substitute(args, self));
            default -> throw new IllegalArgumentException("Expr: no derivative for " + op.name());
        };
    }

    /**
     * A built-in op's gradient formulas per input (null: none flows), over the operands (inputs,
     * then the output's gradient, then the output), and for each formula of several steps the
     * declared op that runs it as one kernel.
     */
    private record Gradients(Expr[] formulas, ElementwiseOp[] fused) {}

    /** Per built-in op value (clip's bounds make a value each: kept bounded). */
    private static final Map<Op, Gradients> GRADIENTS = new ConcurrentHashMap<>();

    /**
     * A built-in op's vjp from the table: {@code vjp(op, i, g, inputs, output)} as a formula of the
     * operands. Run as one declared kernel when it has several steps and no tape is recording; else
     * (a one-step formula such as {@code g * y}, or a gradient being differentiated again) step by
     * step with the built-in ops, recorded like any ops, so a second-order graph shows the same ops
     * as the formula.
     */
    static Tensor[] vjp(Op op, Op.Backward b) {
        Gradients table = GRADIENTS.get(op);
        if (table == null) {
            if (GRADIENTS.size() > 256) {
                GRADIENTS.clear();
            }
            table = gradients(op);
            GRADIENTS.put(op, table);
        }
        int n = table.formulas.length;
        boolean recording = GradientTape.isRecordingAny();
        Map<Expr, Tensor> done = new HashMap<>();
        Tensor[] grads = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Expr f = table.formulas[i];
            if (!b.needsGrad(i) || f == null) {
                continue;
            }
            ElementwiseOp fused = table.fused[i];
            if (f.isConstant(0)) {
                grads[i] = Tensor.zerosLike(b.input(i));
            } else if (fused != null && !recording) {
                Tensor[] operands = new Tensor[fused.arity()];
                for (int k = 0; k < operands.length; k++) {
                    operands[k] = operand(b, k, n);
                }
                grads[i] = fused.apply(operands);
            } else {
                grads[i] = evaluate(f, b, n, done);
            }
        }
        return grads;
    }

    private static Tensor operand(Op.Backward b, int k, int n) {
        return k < n ? b.input(k) : k == n ? b.grad() : b.output();
    }

    /** The formula computed op by op (each distinct subformula once, shared between the inputs). */
    private static Tensor evaluate(Expr e, Op.Backward b, int n, Map<Expr, Tensor> done) {
        Tensor known = done.get(e);
        if (known != null) {
            return known;
        }
        Tensor t = switch (e.kind()) {
            case INPUT -> operand(b, e.index(), n);
            case CONSTANT -> b.grad().scalarLike(e.value());
            case OUTPUT -> b.output();
            case APPLY -> {
                Tensor[] args = new Tensor[e.args().size()];
                for (int k = 0; k < args.length; k++) {
                    args[k] = evaluate(e.args().get(k), b, n, done);
                }
                yield e.op().apply(args);
            }
        };
        done.put(e, t);
        return t;
    }

    private static Gradients gradients(Op op) {
        int n = arity(op);
        List<Expr> args = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            args.add(Expr.input(j));
        }
        Expr[] formulas = new Expr[n];
        ElementwiseOp[] fused = new ElementwiseOp[n];
        for (int i = 0; i < n; i++) {
            Expr f = vjp(op, i, Expr.input(n), args, Expr.input(n + 1));
            formulas[i] = f;
            boolean oneStep = f == null || f.kind() != Expr.Kind.APPLY
                    || f.args().stream().allMatch(a -> a.kind() == Expr.Kind.INPUT);
            if (!oneStep) {
                String name = op.name() + "_grad" + (n > 1 ? Integer.toString(i) : "");
                fused[i] = ElementwiseOp.of(name, Math.max(f.arity(), n + 1), f);
            }
        }
        return new Gradients(formulas, fused);
    }

    /** maximum/minimum: the winner gets the gradient, ties split it half and half (PyTorch). */
    private static Expr tieSplit(int i, Expr g, Expr a, Expr b, boolean max) {
        Expr shared = Expr.where(a.equal(b), g.mul(0.5), g);
        // For maximum, x loses where x < y and y loses where x > y; the other way round for minimum.
        Expr loses = (i == 0) == max ? a.less(b) : a.greater(b);
        return Expr.where(loses, Expr.constant(0), shared);
    }

    /**
     * op applied to args with the obvious simplifications: arithmetic on constants folded, x + 0,
     * x * 1, x * 0 (a formula only: NaN * 0 stays NaN in kernels, so this only drops terms that
     * derivatives add for inputs a subformula does not use), --x, and {@code g * where(c, 1, 0)}
     * written as {@code where(c, g, 0)} so that a gradient that is 0 stays 0 where it is blocked.
     */
    static Expr simplify(Op op, List<Expr> a) {
        Expr x = a.get(0);
        Expr y = a.size() > 1 ? a.get(1) : null;
        boolean constants = a.stream().allMatch(e -> e.kind() == Expr.Kind.CONSTANT);
        switch (op) {
            case Add o -> {
                if (constants) {
                    return Expr.constant(x.value() + y.value());
                }
                if (x.isConstant(0)) {
                    return y;
                }
                if (y.isConstant(0)) {
                    return x;
                }
            }
            case Sub o -> {
                if (constants) {
                    return Expr.constant(x.value() - y.value());
                }
                if (y.isConstant(0)) {
                    return x;
                }
                if (x.isConstant(0)) {
                    return y.neg();
                }
            }
            case Mul o -> {
                if (constants) {
                    return Expr.constant(x.value() * y.value());
                }
                if (x.isConstant(0) || y.isConstant(0)) {
                    return Expr.constant(0);
                }
                if (x.isConstant(1)) {
                    return y;
                }
                if (y.isConstant(1)) {
                    return x;
                }
                if (x.isConstant(-1)) {
                    return y.neg();
                }
                if (y.isConstant(-1)) {
                    return x.neg();
                }
                Expr gated = gate(x, y);
                if (gated != null) {
                    return gated;
                }
                gated = gate(y, x);
                if (gated != null) {
                    return gated;
                }
            }
            case Div o -> {
                if (constants) {
                    return Expr.constant(x.value() / y.value());
                }
                if (y.isConstant(1)) {
                    return x;
                }
            }
            case Neg o -> {
                if (constants) {
                    return Expr.constant(-x.value());
                }
                if (x.kind() == Expr.Kind.APPLY && x.op() instanceof Neg) {
                    return x.args().get(0);
                }
            }
            case Where o -> {
                if (y.equals(a.get(2))) {
                    return y;
                }
            }
            default -> { }
        }
        return Expr.apply(op, a.toArray(new Expr[0]));
    }

    /** {@code v * where(c, p, q)} with p, q in {0, 1}: {@code where(c, v or 0, v or 0)}; else null. */
    private static Expr gate(Expr v, Expr w) {
        if (w.kind() != Expr.Kind.APPLY || !(w.op() instanceof Where)) {
            return null;
        }
        Expr p = w.args().get(1);
        Expr q = w.args().get(2);
        if ((p.isConstant(0) || p.isConstant(1)) && (q.isConstant(0) || q.isConstant(1))) {
            return Expr.where(w.args().get(0), p.isConstant(1) ? v : p, q.isConstant(1) ? v : q);
        }
        return null;
    }

    /** Appends the formula's instructions to b (each distinct subformula once); returns its slot. */
    static int lower(Expr e, ElementwiseProgram.Builder b, Map<Expr, Integer> done) {
        Integer known = done.get(e);
        if (known != null) {
            return known;
        }
        int slot = switch (e.kind()) {
            case INPUT -> b.input(e.index());
            case CONSTANT -> b.constant(e.value());
            case OUTPUT -> throw new IllegalArgumentException(
                    "Expr: a forward formula cannot use the output; only derivatives may");
            case APPLY -> {
                List<Integer> s = new ArrayList<>();
                if (e.op() instanceof ElementwiseOp d) {
                    List<Expr> args = e.args();
                    yield lower(d.forward().substitute(args, null), b, done);
                }
                for (Expr a : e.args()) {
                    s.add(lower(a, b, done));
                }
                yield instruction(e.op(), s, b);
            }
        };
        done.put(e, slot);
        return slot;
    }

    /** Lowers a whole formula over {@code inputs} operands. */
    static ElementwiseProgram program(Expr e, int inputs) {
        ElementwiseProgram.Builder b = ElementwiseProgram.builder();
        int result = lower(e, b, new HashMap<>());
        return b.build(result, inputs);
    }

    private static int instruction(Op op, List<Integer> s, ElementwiseProgram.Builder b) {
        int x = s.get(0);
        return switch (op) {
            case Add o -> b.binary(Binary.ADD, x, s.get(1));
            case Sub o -> b.binary(Binary.SUB, x, s.get(1));
            case Mul o -> b.binary(Binary.MUL, x, s.get(1));
            case Div o -> b.binary(Binary.DIV, x, s.get(1));
            case Pow o -> b.binary(Binary.POW, x, s.get(1));
            case Maximum o -> b.binary(Binary.MAX, x, s.get(1));
            case Minimum o -> b.binary(Binary.MIN, x, s.get(1));
            case Compare c -> b.compare(c.kind(), x, s.get(1));
            case Where o -> b.where(x, s.get(1), s.get(2));
            case Neg o -> b.unary(Unary.NEG, x);
            case Exp o -> b.unary(Unary.EXP, x);
            case Log o -> b.unary(Unary.LOG, x);
            case Log1p o -> b.unary(Unary.LOG1P, x);
            case Sqrt o -> b.unary(Unary.SQRT, x);
            case Rsqrt o -> b.unary(Unary.RSQRT, x);
            case Square o -> b.unary(Unary.SQUARE, x);
            case Abs o -> b.unary(Unary.ABS, x);
            case Sign o -> b.unary(Unary.SIGN, x);
            case Sin o -> b.unary(Unary.SIN, x);
            case Cos o -> b.unary(Unary.COS, x);
            case Tanh o -> b.unary(Unary.TANH, x);
            case Sigmoid o -> b.unary(Unary.SIGMOID, x);
            case Relu o -> b.unary(Unary.RELU, x);
            case Erf o -> b.unary(Unary.ERF, x);
            case Clip c -> b.clip(x, c.min(), c.max());
            default -> throw new IllegalArgumentException("Expr: no kernel instruction for " + op.name());
        };
    }

    /** The formula as text: infix arithmetic, function calls for the rest. */
    static String text(Op op, List<Expr> args, List<String> names, String out) {
        List<String> a = new ArrayList<>();
        for (Expr e : args) {
            String t = e.text(names, out);
            boolean infix = e.kind() == Expr.Kind.APPLY && (e.op() instanceof Add || e.op() instanceof Sub
                    || e.op() instanceof Mul || e.op() instanceof Div || e.op() instanceof Compare
                    || e.op() instanceof Pow);
            a.add(infix && !(op instanceof Where) && arity(op) > 1 || infix && op instanceof Neg ? "(" + t + ")" : t);
        }
        return switch (op) {
            case Add o -> a.get(0) + " + " + a.get(1);
            case Sub o -> a.get(0) + " - " + a.get(1);
            case Mul o -> a.get(0) + " * " + a.get(1);
            case Div o -> a.get(0) + " / " + a.get(1);
            case Pow o -> a.get(0) + "^" + a.get(1);
            case Neg o -> "-" + a.get(0);
            case Compare c -> a.get(0) + " " + switch (c.kind()) {
                case EQ -> "==";
                case NE -> "!=";
                case LT -> "<";
                case LE -> "<=";
                case GT -> ">";
                case GE -> ">=";
            } + " " + a.get(1);
            case Where o -> "where(" + String.join(", ", a) + ")";
            case Clip c -> "clip(" + a.get(0) + ", " + number(c.min()) + ", " + number(c.max()) + ")";
            default -> op.name() + "(" + String.join(", ", a) + ")";
        };
    }

    /** A constant as short text: {@code 2} rather than {@code 2.0}. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
