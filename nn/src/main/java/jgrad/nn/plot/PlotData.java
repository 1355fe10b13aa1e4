package jgrad.nn.plot;

import jgrad.core.Tensor;

/** Tensor-to-array conversions the plots share, with checks that name the plot. */
final class PlotData {
    private PlotData() {}

    /** The two columns of an {@code [n, 2]} tensor. */
    static double[][] xy(Tensor x, String who) {
        if (x.rank() != 2 || x.dim(1) != 2) {
            throw new IllegalArgumentException(who + ": points must have shape [n, 2], got " + x.shape());
        }
        double[] flat = x.toDoubleArray();
        int n = x.dim(0);
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = flat[2 * i];
            out[1][i] = flat[2 * i + 1];
        }
        return out;
    }

    /** Class indices from {@code [n]} or {@code [n, 1]} labels holding whole numbers >= 0. */
    static int[] classes(Tensor labels, int n, String who) {
        if (!(labels.rank() == 1 || (labels.rank() == 2 && labels.dim(1) == 1)) || labels.dim(0) != n) {
            throw new IllegalArgumentException(who + ": labels must have shape [" + n + "] or [" + n + ", 1], got "
                    + labels.shape());
        }
        double[] v = labels.toDoubleArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (v[i] < 0 || v[i] != Math.rint(v[i]) || v[i] > 1000) {
                throw new IllegalArgumentException(who + ": label " + v[i] + " at sample " + i + " is not a class index"
                        + " (a whole number from 0)");
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    /** The points of class {@code c}: {x[], y[]}. */
    static double[][] ofClass(double[][] xy, int[] k, int c) {
        int count = 0;
        for (int v : k) {
            count += v == c ? 1 : 0;
        }
        double[][] out = new double[2][count];
        int j = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] == c) {
                out[0][j] = xy[0][i];
                out[1][j] = xy[1][i];
                j++;
            }
        }
        return out;
    }
}
