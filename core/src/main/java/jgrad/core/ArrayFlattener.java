package jgrad.core;

/** Turns nested Java arrays into row-major flat arrays, rejecting ragged input. */
final class ArrayFlattener {
    private ArrayFlattener() {}

    static Shape shapeOf(float[][] a) {
        return Shape.of(a.length, a.length == 0 ? 0 : a[0].length);
    }

    static Shape shapeOf(double[][] a) {
        return Shape.of(a.length, a.length == 0 ? 0 : a[0].length);
    }

    static Shape shapeOf(long[][] a) {
        return Shape.of(a.length, a.length == 0 ? 0 : a[0].length);
    }

    static Shape shapeOf(float[][][] a) {
        int d1 = a.length == 0 ? 0 : a[0].length;
        int d2 = d1 == 0 ? 0 : a[0][0].length;
        return Shape.of(a.length, d1, d2);
    }

    static Shape shapeOf(double[][][] a) {
        int d1 = a.length == 0 ? 0 : a[0].length;
        int d2 = d1 == 0 ? 0 : a[0][0].length;
        return Shape.of(a.length, d1, d2);
    }

    static Shape shapeOf(float[][][][] a) {
        int d1 = a.length == 0 ? 0 : a[0].length;
        int d2 = d1 == 0 ? 0 : a[0][0].length;
        int d3 = d2 == 0 ? 0 : a[0][0][0].length;
        return Shape.of(a.length, d1, d2, d3);
    }

    static Shape shapeOf(double[][][][] a) {
        int d1 = a.length == 0 ? 0 : a[0].length;
        int d2 = d1 == 0 ? 0 : a[0][0].length;
        int d3 = d2 == 0 ? 0 : a[0][0][0].length;
        return Shape.of(a.length, d1, d2, d3);
    }

    private static void checkRow(int length, int expected, String where) {
        if (length != expected) {
            throw new IllegalArgumentException("ragged array: row " + where + " has length " + length + ", expected "
                    + expected + " like the first row");
        }
    }

    static float[] flatten(float[][] a) {
        int cols = a.length == 0 ? 0 : a[0].length;
        float[] out = new float[a.length * cols];
        for (int i = 0; i < a.length; i++) {
            checkRow(a[i].length, cols, "[" + i + "]");
            System.arraycopy(a[i], 0, out, i * cols, cols);
        }
        return out;
    }

    static double[] flatten(double[][] a) {
        int cols = a.length == 0 ? 0 : a[0].length;
        double[] out = new double[a.length * cols];
        for (int i = 0; i < a.length; i++) {
            checkRow(a[i].length, cols, "[" + i + "]");
            System.arraycopy(a[i], 0, out, i * cols, cols);
        }
        return out;
    }

    static long[] flatten(long[][] a) {
        int cols = a.length == 0 ? 0 : a[0].length;
        long[] out = new long[a.length * cols];
        for (int i = 0; i < a.length; i++) {
            checkRow(a[i].length, cols, "[" + i + "]");
            System.arraycopy(a[i], 0, out, i * cols, cols);
        }
        return out;
    }

    static float[] flatten(float[][][] a) {
        Shape s = shapeOf(a);
        float[] out = new float[s.size()];
        int block = s.get(1) * s.get(2);
        for (int i = 0; i < a.length; i++) {
            checkRow(a[i].length, s.get(1), "[" + i + "]");
            float[] inner = flatten(a[i]);
            checkRow(inner.length, block, "[" + i + "] (flattened)");
            System.arraycopy(inner, 0, out, i * block, block);
        }
        return out;
    }

    static double[] flatten(double[][][] a) {
        Shape s = shapeOf(a);
        double[] out = new double[s.size()];
        int block = s.get(1) * s.get(2);
        for (int i = 0; i < a.length; i++) {
            checkRow(a[i].length, s.get(1), "[" + i + "]");
            double[] inner = flatten(a[i]);
            checkRow(inner.length, block, "[" + i + "] (flattened)");
            System.arraycopy(inner, 0, out, i * block, block);
        }
        return out;
    }

    static float[] flatten(float[][][][] a) {
        Shape s = shapeOf(a);
        float[] out = new float[s.size()];
        int block = s.get(1) * s.get(2) * s.get(3);
        for (int i = 0; i < a.length; i++) {
            checkRow(a[i].length, s.get(1), "[" + i + "]");
            float[] inner = flatten(a[i]);
            checkRow(inner.length, block, "[" + i + "] (flattened)");
            System.arraycopy(inner, 0, out, i * block, block);
        }
        return out;
    }

    static double[] flatten(double[][][][] a) {
        Shape s = shapeOf(a);
        double[] out = new double[s.size()];
        int block = s.get(1) * s.get(2) * s.get(3);
        for (int i = 0; i < a.length; i++) {
            checkRow(a[i].length, s.get(1), "[" + i + "]");
            double[] inner = flatten(a[i]);
            checkRow(inner.length, block, "[" + i + "] (flattened)");
            System.arraycopy(inner, 0, out, i * block, block);
        }
        return out;
    }
}
