package jgrad.inspect;

import java.util.List;
import java.util.Objects;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * One value of a recorded computation: a leaf (a Variable, a watched tensor, a constant) or the
 * output of an op, with its value and, after {@link Graph#backward}, the gradient of the target
 * with respect to it.
 *
 * @param id stable identifier within its graph ({@code n0}, {@code n1}, ...), in recording order
 * @param name what the node is called in text: a Variable's name, a name given with
 *     {@link Graph.Builder#name}, a scalar constant's value, or else the id
 * @param kind variable, watched tensor, constant or op output
 * @param op the op's name for op outputs ({@code "matmul"}), null for leaves
 * @param opDetail the op with its attributes ({@code sum(axes=[0], keepDims=true)}), null for leaves
 * @param inputs the ids of the op's inputs in argument order (empty for leaves)
 * @param value the value the forward pass computed (a Variable's value when the graph was built)
 * @param gradient d target / d this node, or null: before {@code backward}, for constants, and
 *     for nodes the target does not depend on
 * @param sequence the op's position in the order ops ran on its thread; -1 for leaves
 */
public record Node(String id, String name, Kind kind, String op, String opDetail, List<String> inputs, Tensor value,
        Tensor gradient, long sequence) {

    /** What a node is: the classes the drawings style differently. */
    public enum Kind {
        /** A {@link jgrad.core.Variable}: a model parameter. */
        VARIABLE,
        /** A tensor the tape watched ({@code tape.watch(x)}, or an input of {@link Graph#trace}). */
        WATCHED,
        /** A leaf nothing differentiates against: data, labels, literal numbers. */
        CONSTANT,
        /** The output of a recorded op. */
        OP;

        /** The lower-case word used in text, DOT and HTML ({@code "variable"}). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        inputs = List.copyOf(inputs);
        if ((kind == Kind.OP) != (op != null)) {
            throw new IllegalArgumentException("Node " + id + ": an op name is required exactly for op outputs, got"
                    + " kind " + kind + " and op " + op);
        }
    }

    public Shape shape() {
        return value.shape();
    }

    public DType dtype() {
        return value.dtype();
    }

    public boolean isLeaf() {
        return kind != Kind.OP;
    }

    public boolean hasGradient() {
        return gradient != null;
    }

    /** The value on one line, abbreviated when large. */
    public String valueText() {
        return Values.inline(value);
    }

    /** The gradient on one line, abbreviated when large; {@code "-"} when there is none. */
    public String gradientText() {
        return gradient == null ? "-" : Values.inline(gradient);
    }

    Node withGradient(Tensor g) {
        return new Node(id, name, kind, op, opDetail, inputs, value, g, sequence);
    }

    @Override
    public String toString() {
        String what = kind == Kind.OP ? op + "(" + String.join(", ", inputs) + ")" : kind.label();
        return id + (name.equals(id) ? "" : " '" + name + "'") + " = " + what + " " + Values.shapeAndType(value);
    }
}
