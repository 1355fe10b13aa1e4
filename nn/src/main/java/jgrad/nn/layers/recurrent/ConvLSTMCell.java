package jgrad.nn.layers.recurrent;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Variable;
import jgrad.nn.Shapes;
import jgrad.nn.layers.LayerConfig;
import jgrad.ops.nn.Convolution;
import jgrad.ops.nn.Padding;

/**
 * The convolutional LSTM step of Shi et al. 2015 without peepholes, as Keras's ConvLSTM cells:
 * the LSTM's gate math with the matmuls replaced by convolutions, x_t * W (strides, padding and
 * dilation as given) and h_{t-1} * U (stride 1, "same"), channels-last. Weights: kernel
 * [k..., channels, 4f], recurrent_kernel [k..., f, 4f], bias [4f], gates i, f, c, o:
 * k^d c 4f + k^d f 4f + 4f parameters (ConvLSTM2D k3 c1 f16: 9,856).
 */
public final class ConvLSTMCell extends RecurrentCell {
    private final int rank;
    private final int[] kernelSize;
    private final int[] strides;
    private final int[] dilationRate;
    private final String padding;
    private final boolean unitForgetBias;
    private Variable kernel;
    private Variable recurrentKernel;
    private Variable bias;
    private Shape stateShape;

    ConvLSTMCell(CellBuilder<?> b, int rank, String cellName) {
        super(b, cellName);
        this.rank = rank;
        this.kernelSize = expand(b.kernelSize, rank, "kernel_size", 0);
        this.strides = expand(b.strides, rank, "strides", 1);
        this.dilationRate = expand(b.dilationRate, rank, "dilation_rate", 1);
        this.padding = b.padding.toLowerCase(java.util.Locale.ROOT);
        if (!padding.equals("valid") && !padding.equals("same")) {
            throw new IllegalArgumentException("ConvLSTM" + rank + "D: padding must be 'valid' or 'same', got '"
                    + b.padding + "'");
        }
        this.unitForgetBias = b.unitForgetBias;
    }

    private static int[] expand(int[] v, int rank, String what, int fallback) {
        if (v == null) {
            if (fallback == 0) {
                throw new IllegalArgumentException("ConvLSTM" + rank + "D: " + what + " is required");
            }
            int[] out = new int[rank];
            Arrays.fill(out, fallback);
            return out;
        }
        if (v.length == 1 && rank > 1) {
            int[] out = new int[rank];
            Arrays.fill(out, v[0]);
            v = out;
        }
        if (v.length != rank) {
            throw new IllegalArgumentException("ConvLSTM" + rank + "D: " + what + " needs 1 or " + rank + " values, got "
                    + Arrays.toString(v));
        }
        for (int x : v) {
            if (x <= 0) {
                throw new IllegalArgumentException("ConvLSTM" + rank + "D: " + what + " must be positive, got "
                        + Arrays.toString(v));
            }
        }
        return v.clone();
    }

    /** Number of spatial axes. */
    public int rank() {
        return rank;
    }

    public Variable kernel() {
        return kernel;
    }

    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() != rank + 1) {
            throw new IllegalArgumentException("ConvLSTM" + rank + "D steps must be [batch, spatial x " + rank
                    + ", channels], got " + Shapes.batchShape(inputShape));
        }
        int channels = inputShape.get(-1);
        int[] out = new int[rank + 1];
        for (int a = 0; a < rank; a++) {
            out[a] = Convolution.outputLength(a, inputShape.get(a), kernelSize[a], strides[a], dilationRate[a],
                    Padding.of(padding));
        }
        out[rank] = units;
        stateShape = Shape.of(out);
        kernel = addWeight("kernel", kernelShape(channels), kernelInitializer, kernelRegularizer, true);
        recurrentKernel = addWeight("recurrent_kernel", kernelShape(units), recurrentInitializer, recurrentRegularizer,
                true);
        if (useBias) {
            bias = addWeight("bias", Shape.of(4 * units), LSTMCell.lstmBias(biasInitializer, unitForgetBias, units),
                    biasRegularizer, true);
        }
    }

    private Shape kernelShape(int channels) {
        int[] d = Arrays.copyOf(kernelSize, rank + 2);
        d[rank] = channels;
        d[rank + 1] = 4 * units;
        return Shape.of(d);
    }

    @Override
    public List<Shape> stateShapes() {
        return List.of(stateShape, stateShape);
    }

    private int[] ones() {
        int[] o = new int[rank];
        Arrays.fill(o, 1);
        return o;
    }

    @Override
    public Tensor projectInput(Tensor x) {
        return Convolution.conv(x, kernel, bias, strides, dilationRate, Padding.of(padding), 1, null);
    }

    @Override
    public Output step(Tensor projected, List<Tensor> states, Tensor recurrentMask) {
        Tensor h = states.get(0);
        Tensor c = states.get(1);
        Tensor hr = recurrentMask == null ? h : h.mul(recurrentMask);
        Tensor z = projected.add(Convolution.conv(hr, recurrentKernel, null, ones(), ones(), Padding.SAME, 1, null));
        Tensor i = recurrentActivation.apply(gate(z, 0, units));
        Tensor f = recurrentActivation.apply(gate(z, 1, units));
        Tensor g = activation.apply(gate(z, 2, units));
        Tensor o = recurrentActivation.apply(gate(z, 3, units));
        Tensor c2 = f.mul(c).add(i.mul(g));
        Tensor h2 = o.mul(activation.apply(c2));
        return new Output(h2, List.of(h2, c2));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = super.config();
        m.remove("units");
        m.put("filters", units);
        m.put("kernel_size", LayerConfig.list(kernelSize));
        m.put("strides", LayerConfig.list(strides));
        m.put("padding", padding);
        m.put("dilation_rate", LayerConfig.list(dilationRate));
        m.put("unit_forget_bias", unitForgetBias);
        return m;
    }

    @Override
    protected String describe() {
        return "filters=" + units + ", kernel_size=" + Arrays.toString(kernelSize) + ", padding=" + padding;
    }
}
