package jgrad.nn.gan;

import jgrad.core.Tensor;

/**
 * D2GAN (Nguyen, Le, Vu and Phung, NeurIPS 2017): two discriminators with positive outputs
 * (softplus), {@code J = alpha E_x[log D1(x)] - E_z[D1(G(z))] - E_x[D2(x)] + beta E_z[log
 * D2(G(z))]}, maximised by D1 and D2 and minimised by G. The losses are those of the authors' code
 * (tund/D2GAN): {@code d1 = mean(-alpha log D1(x) + D1(G))}, {@code d2 = mean(D2(x) - beta log
 * D2(G))}, {@code g = mean(-D1(G) + beta log D2(G))}. The optima are {@code D1* = alpha p_data /
 * p_G} and {@code D2* = beta p_G / p_data}; D1 rewards covering the data (KL(P_data || P_G)), D2
 * punishes samples where there is no data (KL(P_G || P_data)).
 */
public record D2GanLoss(double alpha, double beta) {
    public D2GanLoss {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("D2GanLoss: alpha must be a finite number > 0 (it weights E log D1(x)),"
                    + " got " + alpha);
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("D2GanLoss: beta must be a finite number > 0 (it weights E log"
                    + " D2(G(z))), got " + beta);
        }
    }

    /** D1's loss, from its positive outputs on real and fake samples. */
    public Tensor discriminator1(Tensor d1Real, Tensor d1Fake) {
        return d1Real.log().mul(-alpha).mean().add(d1Fake.mean());
    }

    /** D2's loss, from its positive outputs on real and fake samples. */
    public Tensor discriminator2(Tensor d2Real, Tensor d2Fake) {
        return d2Real.mean().sub(d2Fake.log().mul(beta).mean());
    }

    /** The generator's loss, from both discriminators' outputs on its samples. */
    public Tensor generator(Tensor d1Fake, Tensor d2Fake) {
        return d1Fake.mean().neg().add(d2Fake.log().mul(beta).mean());
    }

    /** The objective J (what D1 and D2 maximise and G minimises). */
    public Tensor objective(Tensor d1Real, Tensor d1Fake, Tensor d2Real, Tensor d2Fake) {
        return d1Real.log().mean().mul(alpha).sub(d1Fake.mean()).sub(d2Real.mean())
                .add(d2Fake.log().mean().mul(beta));
    }

    /** J at the optimal discriminators when P_G = P_data: {@code alpha (log alpha - 1) + beta (log beta - 1)}. */
    public double equilibriumValue() {
        return alpha * (Math.log(alpha) - 1) + beta * (Math.log(beta) - 1);
    }
}
