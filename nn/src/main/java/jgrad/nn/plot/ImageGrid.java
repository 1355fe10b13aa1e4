package jgrad.nn.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.core.Tensor;

/**
 * A grid of greyscale images saved as one PNG (matplotlib's {@code imshow(cmap="gray")} in a
 * grid of subplots): digits, feature maps of a convolution, its filters, reconstructions.
 *
 * <pre>{@code
 * ImageGrid.of(x.slice(0, 0, 16)).columns(8).save(Path.of("out/digits.png"));      // [n, 28, 28(, 1)]
 * ImageGrid.featureMaps(maps).title("conv2d").save(Path.of("out/maps.png"));        // [h, w, c]
 * ImageGrid.filters(conv.getWeights().get(0)).symmetric().save(Path.of("out/k.png")); // [kh, kw, cin, cout]
 * }</pre>
 *
 * Values become grey levels by min-max normalisation, per image or over the whole grid, or over
 * a fixed range like imshow's {@code vmin}/{@code vmax}; NaN and infinite pixels are drawn red so
 * a diverged model shows. Pixels are enlarged without smoothing, as imshow's nearest interpolation.
 */
public final class ImageGrid {
    static {
        // Titles are drawn with AWT fonts; on a machine without a display AWT must not try to open one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** How values map to grey levels. */
    public enum Scaling {
        /** Each image stretched from its own minimum (black) to its own maximum (white). */
        PER_IMAGE,
        /** One minimum and maximum over every image, so brightness compares across the grid. */
        GLOBAL,
        /** Symmetric around zero over every image: 0 is mid-grey, -m black, +m white (m = max |v|). */
        SYMMETRIC,
        /** A fixed range set by {@link #range(double, double)}; values outside it are clipped. */
        FIXED
    }

    private static final int MAX_SIDE = 16_384;
    private static final Color NAN_COLOR = new Color(0xd62728);

    private final List<double[]> images;
    private final int height;
    private final int width;
    private final String who;
    private Scaling scaling;
    private double low;
    private double high;
    private int columns;
    private int pixelSize;
    private int gap = 4;
    private String title = "";
    private List<String> titles = List.of();
    private List<String> rowLabels = List.of();

    private ImageGrid(List<double[]> images, int height, int width, Scaling scaling, int columns, String who) {
        this.images = images;
        this.height = height;
        this.width = width;
        this.scaling = scaling;
        this.columns = columns;
        this.who = who;
        // Small images (5 x 5 filters) are enlarged more than digits, so every cell is about 56 px or more.
        this.pixelSize = Math.max(1, (int) Math.ceil(56.0 / Math.max(height, width)));
    }

    /**
     * Images from {@code [n, h, w]}, {@code [n, h, w, 1]} or one {@code [h, w]}; grey levels over the
     * whole grid ({@link Scaling#GLOBAL}) by default, about sqrt(n) columns.
     */
    public static ImageGrid of(Tensor images) {
        String who = "ImageGrid.of";
        Tensor t = images;
        if (t.rank() == 2) {
            t = t.reshape(1, t.dim(0), t.dim(1));
        } else if (t.rank() == 4) {
            if (t.dim(3) != 1) {
                throw new IllegalArgumentException(who + ": a 4-D tensor must be [n, h, w, 1] (one channel), got "
                        + images.shape() + "; use ImageGrid.featureMaps for the channels of one [h, w, c] map");
            }
            t = t.reshape(t.dim(0), t.dim(1), t.dim(2));
        } else if (t.rank() != 3) {
            throw new IllegalArgumentException(who + ": images must be [n, h, w], [n, h, w, 1] or [h, w], got "
                    + images.shape());
        }
        checkNotEmpty(who, images, t.dim(0), t.dim(1), t.dim(2));
        int n = t.dim(0);
        int h = t.dim(1);
        int w = t.dim(2);
        double[] all = t.toDoubleArray();
        List<double[]> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] img = new double[h * w];
            System.arraycopy(all, i * h * w, img, 0, h * w);
            list.add(img);
        }
        return new ImageGrid(list, h, w, Scaling.GLOBAL, (int) Math.ceil(Math.sqrt(n)), who);
    }

    /**
     * The channels of one feature map, {@code [h, w, c]} or a batch of one {@code [1, h, w, c]}
     * (channels last, as a convolution layer outputs them): one image per channel, each stretched
     * to its own range ({@link Scaling#PER_IMAGE}) by default.
     */
    public static ImageGrid featureMaps(Tensor maps) {
        String who = "ImageGrid.featureMaps";
        Tensor t = maps;
        if (t.rank() == 4 && t.dim(0) == 1) {
            t = t.reshape(t.dim(1), t.dim(2), t.dim(3));
        }
        if (t.rank() != 3) {
            throw new IllegalArgumentException(who + ": feature maps must be [h, w, c] or [1, h, w, c], got "
                    + maps.shape() + (maps.rank() == 4 ? "; take one sample with slice(0, i, i + 1)" : ""));
        }
        int h = t.dim(0);
        int w = t.dim(1);
        int c = t.dim(2);
        checkNotEmpty(who, maps, c, h, w);
        double[] all = t.toDoubleArray();
        List<double[]> list = new ArrayList<>(c);
        for (int k = 0; k < c; k++) {
            double[] img = new double[h * w];
            for (int p = 0; p < h * w; p++) {
                img[p] = all[p * c + k];
            }
            list.add(img);
        }
        return new ImageGrid(list, h, w, Scaling.PER_IMAGE, (int) Math.min(c, Math.ceil(Math.sqrt(c))), who);
    }

    /**
     * The filters of a 2-D convolution kernel in Keras's layout {@code [kh, kw, cin, cout]}: one
     * row per input channel, one column per filter (row {@code i}, column {@code o} shows
     * {@code kernel[:, :, i, o]}); symmetric around zero by default, so mid-grey is a zero weight.
     */
    public static ImageGrid filters(Tensor kernel) {
        String who = "ImageGrid.filters";
        if (kernel.rank() != 4) {
            throw new IllegalArgumentException(who + ": a Conv2D kernel must be [kh, kw, cin, cout], got "
                    + kernel.shape());
        }
        int kh = kernel.dim(0);
        int kw = kernel.dim(1);
        int cin = kernel.dim(2);
        int cout = kernel.dim(3);
        checkNotEmpty(who, kernel, cin * cout, kh, kw);
        double[] all = kernel.toDoubleArray();
        List<double[]> list = new ArrayList<>(cin * cout);
        for (int i = 0; i < cin; i++) {
            for (int o = 0; o < cout; o++) {
                double[] img = new double[kh * kw];
                for (int p = 0; p < kh * kw; p++) {
                    img[p] = all[(p * cin + i) * cout + o];
                }
                list.add(img);
            }
        }
        return new ImageGrid(list, kh, kw, Scaling.SYMMETRIC, cout, who);
    }

    private static void checkNotEmpty(String who, Tensor t, int n, int h, int w) {
        if (n == 0 || h == 0 || w == 0) {
            throw new IllegalArgumentException(who + ": nothing to draw in a tensor of shape " + t.shape());
        }
    }

    /** How many images the grid holds. */
    public int size() {
        return images.size();
    }

    /** Images per row. */
    public ImageGrid columns(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException(who + ": columns must be at least 1, got " + columns);
        }
        this.columns = columns;
        return this;
    }

    /** Screen pixels per image pixel (default: enough for cells of about 56 px). */
    public ImageGrid pixelSize(int pixelSize) {
        if (pixelSize < 1 || pixelSize > 64) {
            throw new IllegalArgumentException(who + ": pixelSize must be 1 to 64, got " + pixelSize);
        }
        this.pixelSize = pixelSize;
        return this;
    }

    /** Space between cells in screen pixels (default 4). */
    public ImageGrid gap(int gap) {
        if (gap < 0 || gap > 100) {
            throw new IllegalArgumentException(who + ": gap must be 0 to 100, got " + gap);
        }
        this.gap = gap;
        return this;
    }

    /** Each image stretched to its own minimum and maximum. */
    public ImageGrid perImage() {
        this.scaling = Scaling.PER_IMAGE;
        return this;
    }

    /** One minimum and maximum over the whole grid. */
    public ImageGrid global() {
        this.scaling = Scaling.GLOBAL;
        return this;
    }

    /** Symmetric around zero over the whole grid: zero is mid-grey. */
    public ImageGrid symmetric() {
        this.scaling = Scaling.SYMMETRIC;
        return this;
    }

    /** A fixed range, as imshow's {@code vmin}/{@code vmax}: {@code low} is black, {@code high} white. */
    public ImageGrid range(double low, double high) {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException(who + ": range needs finite low < high, got " + low + ", " + high);
        }
        this.scaling = Scaling.FIXED;
        this.low = low;
        this.high = high;
        return this;
    }

    /** The scaling in use. */
    public Scaling scaling() {
        return scaling;
    }

    /** A title above the whole grid. */
    public ImageGrid title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** One caption per image, drawn above it (as subplot titles). */
    public ImageGrid titles(List<String> titles) {
        if (titles.size() != images.size()) {
            throw new IllegalArgumentException(who + ": " + titles.size() + " titles for " + images.size() + " images");
        }
        this.titles = List.copyOf(titles);
        return this;
    }

    /**
     * One label per row of the grid, drawn left of it (e.g. "input", "truth", "predicted" for
     * frames of a sequence laid out one kind per row); as many labels as the grid has rows,
     * checked when it is drawn.
     */
    public ImageGrid rowLabels(List<String> labels) {
        this.rowLabels = List.copyOf(labels);
        return this;
    }

    /**
     * The grey level in [0, 1] of every pixel of image {@code i} as it will be drawn (NaN where the
     * value is not finite); exposed so that callers and tests can check the normalisation.
     */
    public double[] levels(int i) {
        double[] img = images.get(i);
        double[] range = rangeOf(i);
        double span = range[1] - range[0];
        double[] out = new double[img.length];
        for (int p = 0; p < img.length; p++) {
            double v = img[p];
            if (!Double.isFinite(v)) {
                out[p] = Double.NaN;
            } else if (!(span > 0)) {
                // A constant image (or range) has no contrast to show: black, as imshow draws it.
                out[p] = 0;
            } else {
                out[p] = Math.min(1, Math.max(0, (v - range[0]) / span));
            }
        }
        return out;
    }

    /** {min, max} that map to black and white for image {@code i}, over its finite values. */
    private double[] rangeOf(int i) {
        return switch (scaling) {
            case FIXED -> new double[] {low, high};
            case PER_IMAGE -> finiteRange(List.of(images.get(i)));
            case GLOBAL -> finiteRange(images);
            case SYMMETRIC -> {
                double[] r = finiteRange(images);
                double m = Math.max(Math.abs(r[0]), Math.abs(r[1]));
                yield new double[] {-m, m};
            }
        };
    }

    private static double[] finiteRange(List<double[]> imgs) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] img : imgs) {
            for (double v : img) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {0, 0};
    }

    /** Draws the grid: white background, black captions, each image's pixels as grey squares. */
    public BufferedImage render() {
        int n = images.size();
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int cellW = width * pixelSize;
        int cellH = height * pixelSize;
        Font captionFont = Charts.LABEL_FONT;
        if (!rowLabels.isEmpty() && rowLabels.size() != rows) {
            throw new IllegalStateException(who + ": " + rowLabels.size() + " row labels for " + rows + " rows of "
                    + cols + " images");
        }
        FontMetrics lm = Charts.metrics(captionFont);
        int rowLabelW = 0;
        for (String s : rowLabels) {
            rowLabelW = Math.max(rowLabelW, lm.stringWidth(s) + 2 * gap + 4);
        }
        int captionH = titles.isEmpty() ? 0 : 15;
        long gridW = rowLabelW + (long) cols * cellW + (long) (cols + 1) * gap;
        // A title wider than the grid widens the picture up to 480 px (the grid centred), and wraps beyond that.
        long titleW = title.isEmpty() ? 0 : Charts.metrics(Charts.TITLE_FONT).stringWidth(title) + 2L * Charts.TITLE_MARGIN;
        long totalW = Math.max(gridW, Math.min(titleW, Math.max(gridW, 480)));
        List<String> titleLines = totalW > MAX_SIDE ? List.of() : Charts.titleLines(title, (int) totalW);
        int titleH = Charts.titleHeight(titleLines);
        long totalH = titleH + (long) rows * (cellH + captionH) + (long) (rows + 1) * gap;
        if (totalW > MAX_SIDE || totalH > MAX_SIDE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %d images of %d x %d at %d px per pixel"
                    + " in %d columns make a %d x %d picture, over the limit of %d px a side; draw fewer images, more"
                    + " columns or a smaller pixelSize", who, n, height, width, pixelSize, cols, totalW, totalH,
                    MAX_SIDE));
        }
        BufferedImage out = new BufferedImage((int) totalW, (int) totalH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Charts.drawTitle(g, titleLines, 0, out.getWidth(), 0);
            g.setFont(captionFont);
            int left = (int) (totalW - gridW) / 2 + rowLabelW;
            for (int r = 0; r < rowLabels.size(); r++) {
                int cy = titleH + gap + r * (cellH + captionH + gap) + captionH + cellH / 2;
                g.setColor(Color.BLACK);
                g.drawString(rowLabels.get(r), left - lm.stringWidth(rowLabels.get(r)) - 4, cy + lm.getAscent() / 2 - 1);
            }
            for (int i = 0; i < n; i++) {
                int x0 = left + gap + (i % cols) * (cellW + gap);
                int y0 = titleH + gap + (i / cols) * (cellH + captionH + gap);
                if (!titles.isEmpty()) {
                    g.setColor(Color.BLACK);
                    drawCentred(g, titles.get(i), x0, x0 + cellW, y0 + 11);
                }
                int top = y0 + captionH;
                double[] lv = levels(i);
                for (int r = 0; r < height; r++) {
                    for (int c = 0; c < width; c++) {
                        double v = lv[r * width + c];
                        int rgb = Double.isNaN(v) ? NAN_COLOR.getRGB() : grey(v);
                        for (int dy = 0; dy < pixelSize; dy++) {
                            for (int dx = 0; dx < pixelSize; dx++) {
                                out.setRGB(x0 + c * pixelSize + dx, top + r * pixelSize + dy, rgb);
                            }
                        }
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int grey(double level) {
        int v = (int) Math.round(level * 255);
        return (v << 16) | (v << 8) | v;
    }

    /** Text centred between x0 and x1, cut with an ellipsis when wider than the cell. */
    private static void drawCentred(Graphics2D g, String text, int x0, int x1, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        String s = text;
        int room = Math.max(0, x1 - x0);
        if (fm.stringWidth(s) > room) {
            while (!s.isEmpty() && fm.stringWidth(s + "…") > room) {
                s = s.substring(0, s.length() - 1);
            }
            s = s + "…";
        }
        g.drawString(s, x0 + (room - fm.stringWidth(s)) / 2, baseline);
    }

    /** Renders and writes the PNG atomically (a temporary file beside it, then a move); returns its absolute path. */
    public Path save(Path png) {
        return Charts.writePng(render(), png);
    }
}
