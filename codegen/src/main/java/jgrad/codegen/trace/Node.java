package jgrad.codegen.trace;

import java.util.Arrays;
import jgrad.core.Op;

/**
 * One op of a traced {@link Graph}: {@code op} (a record with its attributes) applied to the values
 * {@code args} (ids into the graph's values), giving the value {@code output}.
 */
public record Node(int index, Op op, int[] args, int output) {
    public Node {
        args = args.clone();
    }

    @Override
    public int[] args() {
        return args.clone();
    }

    /** The id of argument {@code i}, without copying the array. */
    public int arg(int i) {
        return args[i];
    }

    public int argCount() {
        return args.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.index == index && n.output == output && Arrays.equals(n.args, args)
                && OpKeys.equal(n.op, op);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + Arrays.hashCode(args)) + OpKeys.hash(op);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("%").append(output).append(" = ").append(OpKeys.describe(op)).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i > 0 ? ", %" : "%").append(args[i]);
        }
        return sb.append(')').toString();
    }
}
