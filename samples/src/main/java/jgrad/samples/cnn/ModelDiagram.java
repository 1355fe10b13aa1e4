package jgrad.samples.cnn;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import jgrad.core.io.AtomicFiles;
import jgrad.nn.Layer;
import jgrad.nn.SymbolicTensor;

/**
 * Keras's {@code plot_model(model, show_shapes=True)} for a functional model built through it:
 * each layer call becomes a box with the layer's name, class, input and output shapes, and an
 * arrow from every tensor it reads. Written as Graphviz DOT and drawn as a PNG directly (no
 * Graphviz needed): layers in rows by their distance from the inputs, a branch in a lane of its
 * own, so a residual block shows its main path and its shortcut side by side.
 *
 * <pre>{@code
 * ModelDiagram d = new ModelDiagram();
 * SymbolicTensor in = d.input(Input.of(224, 224, 3));
 * SymbolicTensor x = d.call(new Dense(4), in);
 * d.savePng(Path.of("out/model.png"));
 * }</pre>
 */
public final class ModelDiagram {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** One box: a layer call, the boxes it reads from, and its shapes as Keras prints them. */
    public record Box(String name, String className, List<Integer> inputs, String inputShapes, String outputShape,
            long params) {}

    private final List<Box> boxes = new ArrayList<>();
    private final Map<SymbolicTensor, Integer> producer = new IdentityHashMap<>();

    /** Registers a model input (from {@code Input.of}) and returns it. */
    public SymbolicTensor input(SymbolicTensor input) {
        boxes.add(new Box(input.layer().name(), "InputLayer", List.of(), "", input.batchShapeString(), 0));
        producer.put(input, boxes.size() - 1);
        return input;
    }

    /** Calls {@code layer} on {@code inputs} (each registered before) and records the call. */
    public SymbolicTensor call(Layer layer, SymbolicTensor... inputs) {
        List<Integer> from = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (SymbolicTensor t : inputs) {
            Integer k = producer.get(t);
            if (k == null) {
                throw new IllegalArgumentException("ModelDiagram: " + t + " was not made through this diagram; register"
                        + " model inputs with input(...) and call layers with call(...)");
            }
            from.add(k);
            shapes.add(t.batchShapeString());
        }
        SymbolicTensor out = inputs.length == 1 ? layer.call(inputs[0]) : layer.call(inputs);
        String in = shapes.size() == 1 ? shapes.get(0) : "[" + String.join(", ", shapes) + "]";
        boxes.add(new Box(layer.name(), layer.className(), List.copyOf(from), in, out.batchShapeString(),
                layer.countParams()));
        producer.put(out, boxes.size() - 1);
        return out;
    }

    /** The recorded boxes, in call order. */
    public List<Box> boxes() {
        return List.copyOf(boxes);
    }

    /** Every arrow as {from, to} box indices. */
    public List<int[]> edges() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j : boxes.get(i).inputs()) {
                out.add(new int[] {j, i});
            }
        }
        return out;
    }

    /** Row of each box: the longest path from an input (inputs are row 0). */
    int[] rows() {
        int[] row = new int[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            for (int j : boxes.get(i).inputs()) {
                row[i] = Math.max(row[i], row[j] + 1);
            }
        }
        return row;
    }

    /**
     * Lane (column) of each box: a box continues the lane of its first input unless another box
     * already continued it, in which case it opens a new lane (the start of a branch).
     */
    int[] lanes() {
        int[] lane = new int[boxes.size()];
        boolean[] continued = new boolean[boxes.size()];
        int next = 0;
        for (int i = 0; i < boxes.size(); i++) {
            List<Integer> in = boxes.get(i).inputs();
            if (!in.isEmpty() && !continued[in.get(0)]) {
                lane[i] = lane[in.get(0)];
                continued[in.get(0)] = true;
            } else {
                lane[i] = next++;
                if (!in.isEmpty()) {
                    continued[in.get(0)] = true;
                }
            }
            next = Math.max(next, lane[i] + 1);
        }
        return lane;
    }

    /** Graphviz DOT, as plot_model's: record-shaped nodes with the shapes, arrows top to bottom. */
    public String toDot() {
        StringBuilder s = new StringBuilder("digraph model {\n  rankdir=TB;\n"
                + "  node [shape=record, fontname=\"Helvetica\", fontsize=11];\n");
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            String label = b.inputs().isEmpty() ? String.format(Locale.ROOT, "%s (%s)|output: %s", b.name(),
                    b.className(), b.outputShape()) : String.format(Locale.ROOT, "%s (%s)|{input:|output:}|{%s|%s}",
                            b.name(), b.className(), b.inputShapes(), b.outputShape());
            s.append(String.format(Locale.ROOT, "  n%d [label=\"%s\"];%n", i, escape(label)));
        }
        for (int[] e : edges()) {
            s.append(String.format(Locale.ROOT, "  n%d -> n%d;%n", e[0], e[1]));
        }
        return s.append("}\n").toString();
    }

    private static String escape(String label) {
        // Shapes like [(None, 4), (None, 4)] hold characters a record label would read as structure.
        return label.replace("\"", "\\\"").replace("[", "\\[").replace("]", "\\]").replace("<", "\\<")
                .replace(">", "\\>");
    }

    /** The box's text lines. */
    private static List<String> lines(Box b) {
        List<String> l = new ArrayList<>();
        l.add(b.name() + " (" + b.className() + ")");
        if (!b.inputs().isEmpty()) {
            l.add("input:  " + b.inputShapes());
        }
        l.add("output: " + b.outputShape());
        return l;
    }

    /** Draws the diagram: white boxes with black text, grey arrows, one row per distance from the inputs. */
    public BufferedImage render() {
        if (boxes.isEmpty()) {
            throw new IllegalStateException("ModelDiagram: nothing recorded; register an input and call layers first");
        }
        int[] row = rows();
        int[] lane = lanes();
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font bold = font.deriveFont(Font.BOLD);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        FontMetrics fb = pg.getFontMetrics(bold);
        int boxW = 0;
        for (Box b : boxes) {
            List<String> l = lines(b);
            boxW = Math.max(boxW, fb.stringWidth(l.get(0)));
            for (int k = 1; k < l.size(); k++) {
                boxW = Math.max(boxW, fm.stringWidth(l.get(k)));
            }
        }
        pg.dispose();
        boxW += 20;
        int lineH = fm.getHeight();
        int boxH = 3 * lineH + 10;
        int gapX = 40;
        int gapY = 30;
        int margin = 20;
        int rows = 0;
        int lanes = 0;
        for (int i = 0; i < boxes.size(); i++) {
            rows = Math.max(rows, row[i] + 1);
            lanes = Math.max(lanes, lane[i] + 1);
        }
        // An edge that skips rows runs down its source's lane, unless a box sits there in between;
        // then it takes a detour lane at the right (an identity shortcut past its main path).
        boolean[] detour = new boolean[boxes.size() * boxes.size()];
        boolean anyDetour = false;
        for (int[] e : edges()) {
            for (int k = 0; k < boxes.size(); k++) {
                if (lane[k] == lane[e[0]] && row[k] > row[e[0]] && row[k] < row[e[1]]) {
                    detour[e[0] * boxes.size() + e[1]] = true;
                    anyDetour = true;
                }
            }
        }
        int width = 2 * margin + lanes * boxW + (lanes - 1) * gapX + (anyDetour ? gapX : 0);
        double detourX = margin + lanes * boxW + (lanes - 1) * gapX + gapX / 2.0;
        int height = 2 * margin + rows * boxH + (rows - 1) * gapY;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int[] x = new int[boxes.size()];
            int[] y = new int[boxes.size()];
            for (int i = 0; i < boxes.size(); i++) {
                x[i] = margin + lane[i] * (boxW + gapX);
                y[i] = margin + row[i] * (boxH + gapY);
            }
            g.setColor(new Color(0x555555));
            g.setStroke(new BasicStroke(1.5f));
            for (int[] e : edges()) {
                int a = e[0];
                int b = e[1];
                // Down the source's lane to the row above the target, then across into the target's top.
                double sx = x[a] + boxW / 2.0;
                double sy = y[a] + boxH;
                double side = lane[a] == lane[b] ? 0 : lane[a] < lane[b] ? -boxW / 4.0 : boxW / 4.0;
                double tx = x[b] + boxW / 2.0 + side;
                double ty = y[b];
                Path2D.Double p = new Path2D.Double();
                p.moveTo(sx, sy);
                if (detour[a * boxes.size() + b]) {
                    p.lineTo(sx, sy + gapY / 2.0);
                    p.lineTo(detourX, sy + gapY / 2.0);
                    p.lineTo(detourX, ty - gapY / 2.0);
                    p.lineTo(tx, ty - gapY / 2.0);
                } else if (row[b] - row[a] > 1) {
                    p.lineTo(sx, ty - gapY / 2.0);
                }
                p.lineTo(tx, ty);
                g.draw(p);
                // The head points along the last segment.
                double fromX = detour[a * boxes.size() + b] ? tx : sx;
                double fromY = row[b] - row[a] > 1 ? ty - gapY / 2.0 : sy;
                arrowHead(g, tx, ty, tx - fromX, ty - fromY);
            }
            for (int i = 0; i < boxes.size(); i++) {
                Box b = boxes.get(i);
                g.setColor(b.inputs().isEmpty() ? new Color(0xeef3fb) : Color.WHITE);
                g.fillRect(x[i], y[i], boxW, boxH);
                g.setColor(Color.BLACK);
                g.drawRect(x[i], y[i], boxW, boxH);
                List<String> l = lines(b);
                int ty = y[i] + 5 + fm.getAscent();
                g.setFont(bold);
                g.drawString(l.get(0), x[i] + 10, ty);
                g.setFont(font);
                for (int k = 1; k < l.size(); k++) {
                    g.drawString(l.get(k), x[i] + 10, ty + k * lineH);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void arrowHead(Graphics2D g, double tx, double ty, double dx, double dy) {
        double len = Math.hypot(dx, dy);
        if (len == 0) {
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        Path2D.Double head = new Path2D.Double();
        head.moveTo(tx, ty);
        head.lineTo(tx - 9 * ux + 4 * uy, ty - 9 * uy - 4 * ux);
        head.lineTo(tx - 9 * ux - 4 * uy, ty - 9 * uy + 4 * ux);
        head.closePath();
        g.fill(head);
    }

    /** Writes {@link #toDot()} atomically; returns the absolute path. */
    public Path writeDot(Path file) {
        return atomicWrite(file, out -> out.write(toDot().getBytes(StandardCharsets.UTF_8)));
    }

    /** Renders and writes the PNG atomically; returns the absolute path. */
    public Path savePng(Path png) {
        BufferedImage img = render();
        return atomicWrite(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer in this JDK");
            }
        });
    }

    /** jgrad's atomic writer, with errors naming the diagram. */
    private static Path atomicWrite(Path file, AtomicFiles.Writer writer) {
        try {
            return AtomicFiles.write(file, writer);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("ModelDiagram: " + e.getMessage(), e.getCause());
        }
    }
}
