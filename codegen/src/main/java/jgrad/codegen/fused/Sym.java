package jgrad.codegen.fused;

import java.util.List;
import java.util.Objects;
import jgrad.core.Op;
import jgrad.ops.math.Abs;
import jgrad.ops.math.Add;
import jgrad.ops.math.Compare;
import jgrad.ops.math.Cos;
import jgrad.ops.math.Div;
import jgrad.ops.math.Exp;
import jgrad.ops.math.Log;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Neg;
import jgrad.ops.math.Pow;
import jgrad.ops.math.Sigmoid;
import jgrad.ops.math.Sign;
import jgrad.ops.math.Sin;
import jgrad.ops.math.Square;
import jgrad.ops.math.Sub;
import jgrad.ops.math.Where;
import jgrad.ops.kernels.Elementwise.Comparison;

/**
 * A symbolic expression in a derivative formula: the output gradient, an input or the output of
 * the op being differentiated, a constant, or a fusable op applied to other expressions. The
 * differentiator substitutes the leaves with the group's nodes, so the formula becomes part of the
 * fused backward kernel.
 */
public final class Sym {
    /** What a Sym is. */
    public enum Kind { GRAD, INPUT, OUTPUT, CONSTANT, APPLY }

    private final Kind kind;
    private final int index;
    private final double value;
    private final Op op;
    private final List<Sym> args;

    private Sym(Kind kind, int index, double value, Op op, List<Sym> args) {
        this.kind = kind;
        this.index = index;
        this.value = value;
        this.op = op;
        this.args = args;
    }

    static final Sym GRAD = new Sym(Kind.GRAD, 0, 0, null, List.of());
    static final Sym OUTPUT = new Sym(Kind.OUTPUT, 0, 0, null, List.of());

    static Sym input(int i) {
        return new Sym(Kind.INPUT, i, 0, null, List.of());
    }

    /** A constant (broadcast to every element). */
    public static Sym constant(double value) {
        return new Sym(Kind.CONSTANT, 0, value, null, List.of());
    }

    /** {@code op} applied to {@code args}; op must have a fusion rule. */
    public static Sym apply(Op op, Sym... args) {
        Objects.requireNonNull(op, "op");
        for (Sym a : args) {
            Objects.requireNonNull(a, "Sym.apply: argument of " + op.name());
        }
        return new Sym(Kind.APPLY, 0, 0, op, List.of(args));
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
    public List<Sym> args() {
        return args;
    }

    // Fluent helpers for the common formulas; any other fusable op goes through apply.

    public Sym add(Sym y) {
        return apply(new Add(), this, y);
    }

    public Sym add(double y) {
        return add(constant(y));
    }

    public Sym sub(Sym y) {
        return apply(new Sub(), this, y);
    }

    public Sym mul(Sym y) {
        return apply(new Mul(), this, y);
    }

    public Sym mul(double y) {
        return mul(constant(y));
    }

    public Sym div(Sym y) {
        return apply(new Div(), this, y);
    }

    public Sym pow(Sym y) {
        return apply(new Pow(), this, y);
    }

    public Sym neg() {
        return apply(new Neg(), this);
    }

    public Sym exp() {
        return apply(new Exp(), this);
    }

    public Sym log() {
        return apply(new Log(), this);
    }

    public Sym sin() {
        return apply(new Sin(), this);
    }

    public Sym cos() {
        return apply(new Cos(), this);
    }

    public Sym square() {
        return apply(new Square(), this);
    }

    public Sym abs() {
        return apply(new Abs(), this);
    }

    public Sym sign() {
        return apply(new Sign(), this);
    }

    public Sym sigmoid() {
        return apply(new Sigmoid(), this);
    }

    public Sym equal(Sym y) {
        return apply(new Compare(Comparison.EQ), this, y);
    }

    public Sym less(Sym y) {
        return apply(new Compare(Comparison.LT), this, y);
    }

    public Sym greater(Sym y) {
        return apply(new Compare(Comparison.GT), this, y);
    }

    public Sym greaterEqual(Sym y) {
        return apply(new Compare(Comparison.GE), this, y);
    }

    /** {@code condition ? x : y}; condition is a mask (a comparison). */
    public static Sym where(Sym condition, Sym x, Sym y) {
        return apply(new Where(), condition, x, y);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case GRAD -> "grad";
            case OUTPUT -> "out";
            case INPUT -> "x" + index;
            case CONSTANT -> Double.toString(value);
            case APPLY -> op.name() + args;
        };
    }
}
