package jgrad.ops.nn;

import jgrad.core.DType;
import jgrad.core.Op;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * The gradient of {@link LayerNorm} as one fused op: inputs {@code (x, gamma, g)} with g the
 * output's gradient, result {@code [dx | dgamma | dbeta]} packed into one vector (one pass over
 * the rows gives all three; LayerNorm's vjp slices them). With {@code xh = (x - mean) r}, {@code
 * r = 1 / sqrt(var + eps)} per row and {@code N(u) = r (u - mean(u) - xh mean(u xh))} (the
 * normalization's Jacobian, which is symmetric): {@code dx = N(g gamma)}, {@code dgamma =
 * sum_rows g xh}, {@code dbeta = sum_rows g}.
 *
 * <p>Its own vjp, for second derivatives, is written with ops. For cotangents {@code A, B, C} of
 * dx, dgamma, dbeta, with {@code dxh = g gamma}, {@code a2 = mean(A xh)}, {@code m2 = mean(dxh
 * xh)} and {@code S = rowsum(A dx)}:
 * <pre>
 *   x:     N(g B - r (dxh a2 + A m2)) - xh r S / n
 *   gamma: sum_rows g N(A)
 *   g:     C + B xh + gamma N(A)
 * </pre>
 * (the dgamma term differentiates as an ordinary layer norm's input gradient; the dx term adds
 * the change of N itself with xh and r).
 */
public record LayerNormGrad(double eps) implements Op {
    @Override
    public String name() {
        return "layer_norm_grad";
    }

    @Override
    public Tensor forward(Tensor... inputs) {
        if (inputs.length != 3) {
            throw new IllegalArgumentException(name() + ": takes (x, gamma, g), got " + inputs.length + " inputs");
        }
        Tensor x = inputs[0].contiguous();
        Tensor gamma = inputs[1].contiguous();
        int n = LayerNorm.check(name(), x, gamma, gamma);
        Tensor g = inputs[2].contiguous();
        if (!g.shape().equals(x.shape()) || g.dtype() != x.dtype()) {
            throw new IllegalArgumentException(name() + ": g " + g.dtype() + " " + g.shape() + " must match x "
                    + x.dtype() + " " + x.shape());
        }
        int rows = n == 0 ? 0 : x.size() / n;
        Object out = Tensor.allocate(x.dtype(), x.size() + 2 * n);
        if (x.dtype() == DType.FLOAT32) {
            LayerNormKernel.backward(LayerNorm.floats(x), LayerNorm.floats(gamma), LayerNorm.floats(g), (float[]) out,
                    rows, n, (float) eps);
        } else {
            LayerNormKernel.backward(LayerNorm.doubles(x), LayerNorm.doubles(gamma), LayerNorm.doubles(g),
                    (double[]) out, rows, n, eps);
        }
        return Tensor.wrap(out, Shape.of(x.size() + 2 * n));
    }

    @Override
    public Tensor[] vjp(Backward b) {
        Tensor x = b.input(0);
        Tensor gamma = b.input(1);
        Tensor g = b.input(2);
        int n = x.dim(x.rank() - 1);
        int size = x.size();
        Tensor cot = b.grad();
        Tensor a = cot.slice(0, 0, size).reshape(x.shape().dims());
        Tensor bg = cot.slice(0, size, size + n);
        Tensor c = cot.slice(0, size + n, size + 2 * n);
        int[] last = {-1};
        Tensor xc = x.sub(x.mean(last, true));
        Tensor r = xc.square().mean(last, true).add(eps).rsqrt();
        Tensor xh = xc.mul(r);
        Tensor nA = normalizeJacobian(a, xh, r);
        Tensor[] out = new Tensor[3];
        if (b.needsGrad(0)) {
            Tensor dxh = g.mul(gamma);
            Tensor a2 = a.mul(xh).mean(last, true);
            Tensor m2 = dxh.mul(xh).mean(last, true);
            Tensor s = a.mul(normalizeJacobian(dxh, xh, r)).sum(last, true);
            Tensor u = g.mul(bg).sub(r.mul(dxh.mul(a2).add(a.mul(m2))));
            out[0] = normalizeJacobian(u, xh, r).sub(xh.mul(r.mul(s).div(n)));
        }
        if (b.needsGrad(1)) {
            out[1] = g.mul(nA).reshape(-1, n).sum(0);
        }
        if (b.needsGrad(2)) {
            out[2] = c.add(bg.mul(xh)).add(gamma.mul(nA));
        }
        return out;
    }

    /** N(u) = r (u - mean(u) - xh mean(u xh)) over the last axis. */
    private static Tensor normalizeJacobian(Tensor u, Tensor xh, Tensor r) {
        int[] last = {-1};
        return u.sub(u.mean(last, true)).sub(xh.mul(u.mul(xh).mean(last, true))).mul(r);
    }
}
