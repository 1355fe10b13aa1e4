package jgrad.codegen.fused;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import jgrad.core.Op;
import jgrad.ops.math.Add;
import jgrad.ops.math.Div;
import jgrad.ops.math.Mul;
import jgrad.ops.math.Sub;

/**
 * An immutable description of one fused group: external inputs 0..n-1, then nodes n.., each an op
 * applied to earlier ids; one output (the last node), which may be a reduction epilogue. equals and
 * hashCode are structural (op records compare their attributes).
 */
public final class FusedGroup {
    /** One node: an op applied to earlier ids (inputs or nodes). */
    record Node(Op op, int[] args) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Node n && op.equals(n.op) && Arrays.equals(args, n.args);
        }

        @Override
        public int hashCode() {
            return 31 * op.hashCode() + Arrays.hashCode(args);
        }
    }

    private final int inputCount;
    private final List<Node> nodes;
    private final boolean[] maskInputs;
    private final int hash;

    private FusedGroup(int inputCount, List<Node> nodes, boolean[] maskInputs) {
        this.inputCount = inputCount;
        this.nodes = List.copyOf(nodes);
        this.maskInputs = maskInputs;
        this.hash = 31 * inputCount + this.nodes.hashCode();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a group node by node; each node is checked against its op's rule as it is added. */
    public static final class Builder {
        private int inputs;
        private final List<Node> nodes = new ArrayList<>();
        // Per id: 1 = float value, 2 = mask, 0 = input not used yet (its kind comes from its first use).
        private final List<Integer> kinds = new ArrayList<>();
        private boolean reduced;

        private Builder() {}

        /** Declares the next external input; returns its id. Inputs come before every node. */
        public int input() {
            if (!nodes.isEmpty()) {
                throw new IllegalStateException("FusedGroup.Builder: declare every input before the first node");
            }
            kinds.add(0);
            return inputs++;
        }

        /**
         * Adds {@code op} applied to {@code args} (ids of inputs or earlier nodes); returns its id.
         * Throws IllegalArgumentException if op has no fusion rule, takes another number of
         * arguments, gets a mask where it needs a float value or the other way round, or follows a
         * reduction epilogue.
         */
        public int node(Op op, int... args) {
            Objects.requireNonNull(op, "FusedGroup.node: op");
            int id = inputs + nodes.size();
            if (reduced) {
                throw new IllegalArgumentException("FusedGroup.node: " + op.name()
                        + " follows a reduction epilogue, which must be the group's last node");
            }
            for (int a : args) {
                if (a < 0 || a >= id) {
                    throw new IllegalArgumentException("FusedGroup.node: " + op.name() + " argument id " + a
                            + " is not an input or an earlier node (ids 0.." + (id - 1) + ")");
                }
            }
            if (FusionRules.isReductionEpilogue(op)) {
                check(op, args.length == 1, "takes 1 argument, got " + args.length);
                check(op, kindOf(args[0]) != 2, "reduces a float value, got a mask");
                setKind(args[0], 1, op);
                reduced = true;
                kinds.add(1);
            } else {
                Rule<Op> rule = FusionRules.require(op);
                check(op, rule.arity(op) == args.length, "takes " + rule.arity(op) + " arguments, got " + args.length);
                for (int i = 0; i < args.length; i++) {
                    setKind(args[i], rule.takesMask(op, i) ? 2 : 1, op);
                }
                kinds.add(rule.producesMask(op) ? 2 : 1);
            }
            nodes.add(new Node(op, args.clone()));
            return id;
        }

        private int kindOf(int id) {
            return kinds.get(id);
        }

        private void setKind(int id, int kind, Op op) {
            int k = kinds.get(id);
            if (k == 0) {
                kinds.set(id, kind);
            } else if (k != kind) {
                throw new IllegalArgumentException("FusedGroup.node: " + op.name() + " needs a "
                        + (kind == 2 ? "bool mask" : "float value") + " but id " + id + " is a "
                        + (k == 2 ? "bool mask" : "float value"));
            }
        }

        private static void check(Op op, boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("FusedGroup.node: " + op.name() + " " + message);
            }
        }

        /** The group; the last node is its output, which must be a float value. */
        public FusedGroup build() {
            if (nodes.isEmpty()) {
                throw new IllegalStateException("FusedGroup.build: a group needs at least one node");
            }
            if (kinds.get(kinds.size() - 1) == 2) {
                throw new IllegalStateException("FusedGroup.build: the output is a bool mask ("
                        + nodes.get(nodes.size() - 1).op().name() + "); end the group with a float value");
            }
            boolean[] masks = new boolean[inputs];
            for (int i = 0; i < inputs; i++) {
                masks[i] = kinds.get(i) == 2;
            }
            return new FusedGroup(inputs, nodes, masks);
        }
    }

    public int inputCount() {
        return inputCount;
    }

    /** The fused ops in order (for names, inspection). */
    public List<Op> ops() {
        return nodes.stream().map(Node::op).toList();
    }

    List<Node> nodes() {
        return nodes;
    }

    /** True if external input i is a bool mask (a where condition). */
    public boolean isMaskInput(int i) {
        return maskInputs[i];
    }

    /** The reduction epilogue ending the group, or null. */
    Op reduction() {
        Op last = nodes.get(nodes.size() - 1).op();
        return FusionRules.isReductionEpilogue(last) ? last : null;
    }

    /** {@code fused[mul,add,exp]}: the name the group's op is recorded under. */
    public String name() {
        StringBuilder sb = new StringBuilder("fused[");
        for (int i = 0; i < nodes.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(nodes.get(i).op().name());
        }
        return sb.append(']').toString();
    }

    /** The group as one formula over x0, x1, ...: {@code exp(x0 * x1 + x2)}. */
    public String formula() {
        return expr(inputCount + nodes.size() - 1, 0);
    }

    private String expr(int id, int parentPrecedence) {
        if (id < inputCount) {
            return "x" + id;
        }
        Node n = nodes.get(id - inputCount);
        int prec = precedence(n.op());
        if (prec > 0) {
            String sym = switch (n.op()) {
                case Add a -> " + ";
                case Sub s -> " - ";
                case Mul m -> " * ";
                default -> " / ";
            };
            // Left-associative: the right operand of - and / needs brackets at equal precedence.
            String s = expr(n.args()[0], prec) + sym + expr(n.args()[1], prec + 1);
            return prec < parentPrecedence ? "(" + s + ")" : s;
        }
        if (FusionRules.isReductionEpilogue(n.op())) {
            return n.op() + " of " + expr(n.args()[0], 0);
        }
        StringBuilder sb = new StringBuilder(n.op().name()).append('(');
        for (int i = 0; i < n.args().length; i++) {
            sb.append(i == 0 ? "" : ", ").append(expr(n.args()[i], 0));
        }
        String attrs = attributes(n.op());
        return sb.append(attrs).append(')').toString();
    }

    private static int precedence(Op op) {
        return switch (op) {
            case Add a -> 1;
            case Sub s -> 1;
            case Mul m -> 2;
            case Div d -> 2;
            default -> 0;
        };
    }

    /** Attributes of a record op, e.g. {@code , min=-1.0, max=1.0} for clip. */
    private static String attributes(Op op) {
        String s = op.toString();
        if (!(op instanceof Record) || !s.startsWith(op.getClass().getSimpleName() + "[")) {
            // Ops with their own toString (sum) print it whole.
            return "";
        }
        int open = s.indexOf('[');
        int close = s.lastIndexOf(']');
        if (open < 0 || close <= open + 1) {
            return "";
        }
        return ", " + s.substring(open + 1, close);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedGroup g && g.hash == hash && g.inputCount == inputCount && g.nodes.equals(nodes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return name() + ": " + formula();
    }
}
