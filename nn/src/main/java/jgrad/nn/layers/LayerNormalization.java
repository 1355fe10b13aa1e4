package jgrad.nn.layers;

import java.util.Arrays;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Layer;
import jgrad.nn.Shapes;
import jgrad.nn.initializers.Initializers;
import jgrad.ops.Normalization;
import jgrad.ops.nn.LayerNorm;

/**
 * Layer normalization (Ba et al.; Keras's {@code LayerNormalization}): each sample is
 * normalized over the given axes (the last by default) with its own mean and variance, then
 * scaled by gamma and shifted by beta, which have the shape of those axes. The same in training
 * and inference. Keras's default epsilon 0.001 (PyTorch uses 1e-5). The maths is
 * {@link Normalization#layerNorm}, which tape users can call directly; over the last axis with
 * gamma and beta the layer runs the fused {@link LayerNorm} op (same values, one pass).
 */
public final class LayerNormalization extends Layer {
    private final int[] axes;
    private final double epsilon;
    private final boolean center;
    private final boolean scale;
    private Variable gamma;
    private Variable beta;
    private int[] batchAxes;
    private int[] paramShape;

    public LayerNormalization() {
        this(new int[] {-1}, 1e-3, true, true, null);
    }

    public LayerNormalization(double epsilon) {
        this(new int[] {-1}, epsilon, true, true, null);
    }

    /** @param axes axes of the full batch tensor to normalize over (not 0, the batch axis) */
    public LayerNormalization(int[] axes, double epsilon, boolean center, boolean scale, String name) {
        super(name);
        if (axes.length == 0) {
            throw new IllegalArgumentException("LayerNormalization: needs at least one axis");
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("LayerNormalization: epsilon must be > 0, got " + epsilon);
        }
        this.axes = axes.clone();
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
    }

    public Variable gamma() {
        return gamma;
    }

    public Variable beta() {
        return beta;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank() + 1;
        batchAxes = new int[axes.length];
        paramShape = new int[rank - 1];
        Arrays.fill(paramShape, 1);
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a <= 0 || a >= rank) {
                throw new IllegalArgumentException("axis " + axes[i] + " is not a feature axis of input "
                        + Shapes.batchShape(inputShape));
            }
            batchAxes[i] = a;
            paramShape[a - 1] = inputShape.get(a - 1);
        }
        Arrays.sort(batchAxes);
        // Gamma and beta keep the normalized axes' extents in their order (Keras's param_shape).
        int[] sorted = new int[batchAxes.length];
        for (int i = 0; i < batchAxes.length; i++) {
            sorted[i] = inputShape.get(batchAxes[i] - 1);
        }
        Shape param = Shape.of(sorted);
        if (scale) {
            gamma = addWeight("gamma", param, Initializers.ones());
        }
        if (center) {
            beta = addWeight("beta", param, Initializers.zeros());
        }
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (x.rank() != paramShape.length + 1) {
            throw new IllegalArgumentException("layer '" + name() + "' (LayerNormalization) was built for rank-"
                    + (paramShape.length + 1) + " batches, got shape " + x.shape());
        }
        for (int a : batchAxes) {
            if (x.dim(a) != paramShape[a - 1]) {
                throw new IllegalArgumentException("layer '" + name() + "' (LayerNormalization) was built for axis " + a
                        + " of size " + paramShape[a - 1] + ", got a batch of shape " + x.shape());
            }
        }
        if (gamma != null && beta != null && batchAxes.length == 1 && batchAxes[0] == x.rank() - 1) {
            // The usual case (the last axis, center and scale): one fused op with a fused gradient.
            return LayerNorm.layerNorm(x, gamma, beta, epsilon);
        }
        return Normalization.layerNorm(x, gamma, beta, batchAxes, epsilon);
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() != paramShape.length) {
            throw new IllegalArgumentException("the layer was built for rank-" + (paramShape.length + 1)
                    + " inputs, got " + Shapes.batchShape(inputShape));
        }
        for (int a : batchAxes) {
            if (inputShape.get(a - 1) != paramShape[a - 1]) {
                throw new IllegalArgumentException("the layer was built for axis " + a + " of size " + paramShape[a - 1]
                        + ", got input " + Shapes.batchShape(inputShape));
            }
        }
        return inputShape;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.put("axis", LayerConfig.list(axes));
        m.put("epsilon", epsilon);
        m.put("center", center);
        m.put("scale", scale);
        return m;
    }

    public static LayerNormalization fromConfig(Map<String, Object> c) {
        return new LayerNormalization(c.get("axis") == null ? new int[] {-1} : LayerConfig.ints(c, "axis"),
                LayerConfig.number(c, "epsilon", 1e-3), LayerConfig.bool(c, "center", true),
                LayerConfig.bool(c, "scale", true), (String) c.get("name"));
    }

    @Override
    protected String describe() {
        return "axis=" + Arrays.toString(axes) + ", epsilon=" + epsilon;
    }
}
