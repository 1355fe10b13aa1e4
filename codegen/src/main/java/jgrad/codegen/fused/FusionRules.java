package jgrad.codegen.fused;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import jgrad.core.Op;
import jgrad.ops.math.Cast;
import jgrad.ops.reduce.Sum;

/**
 * Which ops have a fusion rule: the built-in elementwise ops of {@code jgrad.ops.math} (and
 * softplus), plus any rule a user registers for an op class of their own. Sum over all axes or over
 * trailing axes may end a group as a reduction epilogue.
 */
public final class FusionRules {
    private FusionRules() {}

    /**
     * The most nodes one generated kernel fuses. {@link FusedOp} splits a longer group into stages
     * of at most this many nodes, cut where a single value crosses (a chain's running value), each
     * stage one kernel (without such a cut the group runs its ops one by one). Measured: a 25-op
     * group's forward-plus-backward kernel (about 2 KB of bytecode in its loop method, a quarter of
     * HotSpot's limit for compiling a method at all) compiles with every Vector API call inlined;
     * much larger bodies risk C2 giving up on inlining, which boxes vectors.
     */
    public static final int MAX_GROUP_NODES = 48;

    private static final Map<Class<?>, Rule<?>> RULES = new ConcurrentHashMap<>();

    static {
        BuiltinRules.registerAll();
    }

    /**
     * True if op (with its attributes) is elementwise with a rule: unary math, binary arithmetic
     * with broadcasting, where/compare/clip, float-to-float cast (not a cast to int64 or bool, not
     * round).
     */
    public static boolean isElementwise(Op op) {
        if (op == null || !RULES.containsKey(op.getClass())) {
            return false;
        }
        return !(op instanceof Cast c) || c.dtype().isFloating();
    }

    /**
     * True if op can end a group as a reduction epilogue: Sum over all axes (axes null or every
     * axis) or over a run of trailing axes, keepDims either way. Whether the axes are trailing
     * depends on the input's rank, which {@link FusedOp} checks when it runs (otherwise the
     * group runs unfused).
     */
    public static boolean isReductionEpilogue(Op op) {
        return op instanceof Sum;
    }

    /**
     * Registers (or replaces) the rule for an elementwise op class of your own, so that the fuser
     * can put it in a group: its scalar and vector expressions and its derivative per input.
     */
    public static <T extends Op> void register(Class<T> opClass, Rule<T> rule) {
        Objects.requireNonNull(opClass, "FusionRules.register: opClass");
        Objects.requireNonNull(rule, "FusionRules.register: rule for " + opClass.getName());
        RULES.put(opClass, rule);
    }

    /** Removes a registered rule (for tests that register temporary ones). Built-in rules stay. */
    public static void unregister(Class<? extends Op> opClass) {
        if (!BuiltinRules.isBuiltin(opClass)) {
            RULES.remove(opClass);
        }
    }

    /** The rule for op's class, or null. */
    @SuppressWarnings("unchecked")
    static <T extends Op> Rule<T> ruleOf(T op) {
        return (Rule<T>) RULES.get(op.getClass());
    }

    /** The rule for op, or an IllegalArgumentException naming the op. */
    static <T extends Op> Rule<T> require(T op) {
        Rule<T> r = ruleOf(op);
        if (r == null || !isElementwise(op)) {
            throw new IllegalArgumentException("fused: op " + op.name() + " (" + op.getClass().getName()
                    + ") has no fusion rule; register one with FusionRules.register");
        }
        return r;
    }
}
