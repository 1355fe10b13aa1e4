package jgrad.codegen.fused;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jgrad.core.Op;
import jgrad.ops.math.Abs;
import jgrad.ops.math.Add;
import jgrad.ops.math.Cast;
import jgrad.ops.math.Clip;
import jgrad.ops.math.Compare;
import jgrad.ops.math.Cos;
import jgrad.ops.math.Div;
import jgrad.ops.math.ElementwiseOp;
import jgrad.ops.math.Erf;
import jgrad.ops.math.Exp;
import jgrad.ops.math.Log;
import jgrad.ops.math.Log1p;
import jgrad.ops.math.Maximum;
import jgrad.ops.math.Minimum;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Neg;
import jgrad.ops.math.Pow;
import jgrad.ops.math.Relu;
import jgrad.ops.math.Rsqrt;
import jgrad.ops.math.Sigmoid;
import jgrad.ops.math.Sign;
import jgrad.ops.math.Sin;
import jgrad.ops.math.Sqrt;
import jgrad.ops.math.Square;
import jgrad.ops.math.Sub;
import jgrad.ops.math.Tanh;
import jgrad.ops.math.Where;
import jgrad.ops.nn.Softplus;

/**
 * The rules of jgrad's own elementwise ops. Each mirrors its op's kernel (same formulas, so the
 * same rounding in float32, NaN behaviour of max/min/relu as Math.max); their derivatives are the
 * ops' own table ({@link jgrad.ops.math.Expr#vjp}: pow at 0, ties of maximum/minimum split, clip
 * bounds included, relu none at 0), written once there.
 */
final class BuiltinRules {
    private BuiltinRules() {}

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final Set<Class<?>> BUILTIN = ConcurrentHashMap.newKeySet();

    static boolean isBuiltin(Class<?> c) {
        return BUILTIN.contains(c);
    }

    /** Text of a lowering from the argument names. */
    @FunctionalInterface
    interface Text {
        String of(Lowering l, List<String> a);
    }

    /** A derivative formula for input i. */
    @FunctionalInterface
    interface Derivative {
        Sym of(int i, Sym g, List<Sym> x, Sym y);
    }

    /**
     * A rule made of lambdas, for the attribute-free ops; the derivative is the ops' table's
     * ({@link jgrad.ops.math.Expr#vjp}) unless one is given (tests give one to their own ops).
     */
    record Simple<T extends Op>(int arity, Text scalar, Text vector, Derivative derivative) implements Rule<T> {
        @Override
        public int arity(T op) {
            return arity;
        }

        @Override
        public String scalar(T op, Lowering l, List<String> args) {
            return scalar.of(l, args);
        }

        @Override
        public String vector(T op, Lowering l, List<String> args) {
            return vector.of(l, args);
        }

        @Override
        public Sym derivative(T op, int input, Sym grad, List<Sym> inputs, Sym output) {
            return derivative != null ? derivative.of(input, grad, inputs, output)
                    : DeclaredRule.vjp(op, input, grad, inputs, output);
        }
    }

    private static <T extends Op> void builtin(Class<T> c, Rule<T> rule) {
        BUILTIN.add(c);
        FusionRules.register(c, rule);
    }

    /** A unary op whose derivative is the ops' table's. */
    private static <T extends Op> void unary(Class<T> c, Text scalar, Text vector) {
        builtin(c, new Simple<>(1, scalar, vector, null));
    }

    private static <T extends Op> void binary(Class<T> c, Text scalar, Text vector) {
        builtin(c, new Simple<>(2, scalar, vector, null));
    }

    /** {@code x.lanewise(VectorOperators.NAME)}. */
    private static Text lanewise(String name) {
        return (l, a) -> a.get(0) + ".lanewise(VectorOperators." + name + ")";
    }

    /** {@code Math.fn(x)} cast to the element type. */
    private static Text math(String fn) {
        return (l, a) -> l.cast("Math." + fn + "(" + a.get(0) + ")");
    }

    static void registerAll() {
        binary(Add.class, (l, a) -> a.get(0) + " + " + a.get(1), (l, a) -> a.get(0) + ".add(" + a.get(1) + ")");
        binary(Sub.class, (l, a) -> a.get(0) + " - " + a.get(1), (l, a) -> a.get(0) + ".sub(" + a.get(1) + ")");
        binary(Mul.class, (l, a) -> a.get(0) + " * " + a.get(1), (l, a) -> a.get(0) + ".mul(" + a.get(1) + ")");
        binary(Div.class, (l, a) -> a.get(0) + " / " + a.get(1), (l, a) -> a.get(0) + ".div(" + a.get(1) + ")");
        binary(Pow.class, (l, a) -> l.cast("Math.pow(" + a.get(0) + ", " + a.get(1) + ")"),
                (l, a) -> a.get(0) + ".lanewise(VectorOperators.POW, " + a.get(1) + ")");
        binary(Maximum.class, (l, a) -> "Math.max(" + a.get(0) + ", " + a.get(1) + ")",
                (l, a) -> a.get(0) + ".max(" + a.get(1) + ")");
        binary(Minimum.class, (l, a) -> "Math.min(" + a.get(0) + ", " + a.get(1) + ")",
                (l, a) -> a.get(0) + ".min(" + a.get(1) + ")");

        unary(Neg.class, (l, a) -> "-" + a.get(0), (l, a) -> a.get(0) + ".neg()");
        unary(Exp.class, math("exp"), lanewise("EXP"));
        unary(Log.class, math("log"), lanewise("LOG"));
        unary(Log1p.class, math("log1p"), lanewise("LOG1P"));
        unary(Sqrt.class, math("sqrt"), (l, a) -> a.get(0) + ".sqrt()");
        unary(Rsqrt.class, (l, a) -> l.literal(1) + " / " + l.cast("Math.sqrt(" + a.get(0) + ")"),
                (l, a) -> l.vectorConstant(1) + ".div(" + a.get(0) + ".sqrt())");
        unary(Square.class, (l, a) -> a.get(0) + " * " + a.get(0), (l, a) -> a.get(0) + ".mul(" + a.get(0) + ")");
        unary(Abs.class, (l, a) -> "Math.abs(" + a.get(0) + ")", (l, a) -> a.get(0) + ".abs()");
        // Zeros of either sign and NaN pass through unchanged, as in Math.signum; the gradient is 0.
        unary(Sign.class, (l, a) -> "Math.signum(" + a.get(0) + ")",
                (l, a) -> a.get(0) + ".blend(" + l.vectorConstant(1) + ", " + a.get(0) + ".compare(VectorOperators.GT, "
                        + l.literal(0) + ")).blend(" + l.vectorConstant(-1) + ", " + a.get(0)
                        + ".compare(VectorOperators.LT, " + l.literal(0) + "))");
        unary(Sin.class, math("sin"), lanewise("SIN"));
        unary(Cos.class, math("cos"), lanewise("COS"));
        unary(Tanh.class, math("tanh"), lanewise("TANH"));
        // Stable for any |x|: exp of a non-positive number never overflows (as the sigmoid kernel).
        unary(Sigmoid.class, (l, a) -> "FusedMath.sigmoid(" + a.get(0) + ")", (l, a) -> {
            String e = l.temp(a.get(0) + ".abs().neg().lanewise(VectorOperators.EXP)");
            String one = l.vectorConstant(1);
            String r = l.temp(one + ".div(" + one + ".add(" + e + "))");
            return r + ".blend(" + e + ".mul(" + r + "), " + a.get(0) + ".compare(VectorOperators.LT, " + l.literal(0)
                    + "))";
        });
        // Math.max propagates NaN, as the Vector API's max does: relu(NaN) = NaN. No gradient at 0.
        unary(Relu.class, (l, a) -> "Math.max(" + a.get(0) + ", " + l.literal(0) + ")",
                (l, a) -> a.get(0) + ".max(" + l.vectorConstant(0) + ")");
        unary(Erf.class, (l, a) -> "FusedMath.erf(" + a.get(0) + ")", BuiltinRules::erfVector);
        // softplus is a declared op under its own class: its formula's code and derivative.
        builtin(Softplus.class, new DeclaredRule.Of<>(op -> Softplus.DECLARATION));

        // Every declared elementwise op, through its formula.
        builtin(ElementwiseOp.class, new DeclaredRule());
        builtin(Clip.class, new ClipRule());
        builtin(Compare.class, new CompareRule());
        builtin(Where.class, new WhereRule());
        builtin(Cast.class, new CastRule());
    }

    /**
     * erf inline in the loop body (FusedMath.erf's vector code): a call would box its vector
     * argument and result whenever C2 runs out of inlining budget in a large kernel (measured: 12
     * bytes per element extra in a 25-op kernel with two erfs).
     */
    private static String erfVector(Lowering l, List<String> a) {
        String x = a.get(0);
        String f = l.isDouble() ? "" : "_F";
        String one = l.vectorConstant(1);
        String ax = l.temp(x + ".abs()");
        String series = l.tempMask(ax + ".compare(VectorOperators.LT, " + l.literal(2.5) + ")");
        String s = l.temp(ax + ".min(" + l.literal(2.5) + ")");
        String x2 = l.temp(s + ".mul(" + s + ")");
        String twoX2 = l.temp(x2 + ".add(" + x2 + ")");
        String p = l.temp(one);
        l.statement("for (int k = FusedMath.SERIES_TERMS" + (l.isDouble() ? "_D" : "_F") + " - 1; k >= 0; k--) {\n"
                + "    " + p + " = " + p + ".mul(" + twoX2 + ").mul(FusedMath.SERIES_RECIPROCALS" + f + "[k]).add(" + one
                + ");\n}");
        String r = l.temp(s + ".mul(" + p + ").mul(" + x2 + ".neg().lanewise(VectorOperators.EXP)).mul("
                + l.literal(TWO_OVER_SQRT_PI) + ")");
        String v = l.vectorType();
        String t = r + "t";
        String c = r + "c";
        String d = r + "d";
        String fr = r + "f";
        String q = l.scalarType();
        l.statement("if (!" + series + ".allTrue()) {\n"
                + "    // Beyond |x| = 2.5: 1 - erfc(x), erfc from its continued fraction (clamped at 6).\n"
                + "    " + v + " " + t + " = " + ax + ".max(" + l.literal(2.5) + ").min(" + l.literal(6) + ");\n"
                + "    " + v + " " + fr + " = " + t + ";\n"
                + "    " + v + " " + c + " = " + t + ";\n"
                + "    " + v + " " + d + " = " + v + ".zero(S);\n"
                + "    for (int k = 1; k <= FusedMath.CF_STEPS" + (l.isDouble() ? "_D" : "_F") + "; k++) {\n"
                + "        " + q + " q = " + l.literal(0.5) + " * k;\n"
                + "        " + d + " = " + one + ".div(" + t + ".add(" + d + ".mul(q)));\n"
                + "        " + c + " = " + t + ".add(" + v + ".broadcast(S, q).div(" + c + "));\n"
                + "        " + fr + " = " + fr + ".mul(" + c + ".mul(" + d + "));\n"
                + "    }\n"
                + "    " + r + " = " + one + ".sub(" + t + ".mul(" + t + ").neg().lanewise(VectorOperators.EXP).mul("
                + l.literal(0.5641895835477563) + ").div(" + fr + ")).blend(" + r + ", " + series + ");\n"
                + "}");
        return r + ".blend(" + r + ".neg(), " + x + ".test(VectorOperators.IS_NEGATIVE))";
    }

    /** Clip: bounds as literals; the gradient passes where clipping left x unchanged (bounds included). */
    static final class ClipRule implements Rule<Clip> {
        @Override
        public int arity(Clip op) {
            return 1;
        }

        @Override
        public String scalar(Clip op, Lowering l, List<String> a) {
            return "Math.min(Math.max(" + a.get(0) + ", " + l.literal(op.min()) + "), " + l.literal(op.max()) + ")";
        }

        @Override
        public String vector(Clip op, Lowering l, List<String> a) {
            return a.get(0) + ".max(" + l.literal(op.min()) + ").min(" + l.literal(op.max()) + ")";
        }

        @Override
        public Sym derivative(Clip op, int input, Sym g, List<Sym> x, Sym y) {
            return DeclaredRule.vjp(op, input, g, x, y);
        }
    }

    /** Comparisons give masks (IEEE: NaN equals nothing, != holds for NaN); no gradient. */
    static final class CompareRule implements Rule<Compare> {
        @Override
        public int arity(Compare op) {
            return 2;
        }

        @Override
        public boolean producesMask(Compare op) {
            return true;
        }

        @Override
        public String scalar(Compare op, Lowering l, List<String> a) {
            String sym = switch (op.kind()) {
                case EQ -> "==";
                case NE -> "!=";
                case LT -> "<";
                case LE -> "<=";
                case GT -> ">";
                case GE -> ">=";
            };
            return a.get(0) + " " + sym + " " + a.get(1);
        }

        @Override
        public String vector(Compare op, Lowering l, List<String> a) {
            return a.get(0) + ".compare(VectorOperators." + op.kind().name() + ", " + a.get(1) + ")";
        }

        @Override
        public Sym derivative(Compare op, int input, Sym g, List<Sym> x, Sym y) {
            return null;
        }
    }

    /** where(c, x, y): c is a mask; x gets the gradient where c holds, y where it does not. */
    static final class WhereRule implements Rule<Where> {
        @Override
        public int arity(Where op) {
            return 3;
        }

        @Override
        public boolean takesMask(Where op, int input) {
            return input == 0;
        }

        @Override
        public String scalar(Where op, Lowering l, List<String> a) {
            return a.get(0) + " ? " + a.get(1) + " : " + a.get(2);
        }

        @Override
        public String vector(Where op, Lowering l, List<String> a) {
            return a.get(2) + ".blend(" + a.get(1) + ", " + a.get(0) + ")";
        }

        @Override
        public Sym derivative(Where op, int input, Sym g, List<Sym> x, Sym y) {
            return DeclaredRule.vjp(op, input, g, x, y);
        }
    }

    /**
     * A float-to-float cast. Inside a kernel every value has the kernel's dtype, so the cast is the
     * identity there; a group whose cast changes the dtype runs unfused (see {@link FusedOp}).
     */
    static final class CastRule implements Rule<Cast> {
        @Override
        public int arity(Cast op) {
            return 1;
        }

        @Override
        public String scalar(Cast op, Lowering l, List<String> a) {
            return a.get(0);
        }

        @Override
        public String vector(Cast op, Lowering l, List<String> a) {
            return a.get(0);
        }

        @Override
        public Sym derivative(Cast op, int input, Sym g, List<Sym> x, Sym y) {
            return g;
        }
    }
}
