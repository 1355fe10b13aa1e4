package jgrad.nn.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Frames (e.g. a GAN's sample grid per epoch, {@link ImageGrid#render()}) as an animated GIF that
 * loops, with the JDK's own GIF writer ({@code javax.imageio}): no library beyond the JDK.
 */
public final class GifAnimation {
    private GifAnimation() {}

    /** Writes {@code frames} (all of one size) to {@code gif}, {@code delayMillis} each, looping forever. */
    public static Path save(List<BufferedImage> frames, int delayMillis, Path gif) {
        Objects.requireNonNull(frames, "GifAnimation: frames is null");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("GifAnimation: no frames");
        }
        if (delayMillis < 10) {
            throw new IllegalArgumentException("GifAnimation: delayMillis must be >= 10 (GIF counts hundredths), got "
                    + delayMillis);
        }
        int w = frames.get(0).getWidth();
        int h = frames.get(0).getHeight();
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).getWidth() != w || frames.get(i).getHeight() != h) {
                throw new IllegalArgumentException("GifAnimation: frame " + i + " is " + frames.get(i).getWidth() + "x"
                        + frames.get(i).getHeight() + ", frame 0 is " + w + "x" + h);
            }
        }
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("gif");
        if (!it.hasNext()) {
            throw new IllegalStateException("GifAnimation: this JDK has no GIF writer");
        }
        ImageWriter writer = it.next();
        try {
            Path parent = gif.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(gif);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(gif.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage rgb = toRgb(frames.get(i));
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(rgb),
                            param);
                    configure(meta, delayMillis / 10, i == 0);
                    writer.writeToSequence(new IIOImage(rgb, null, meta), param);
                }
                writer.endWriteSequence();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GifAnimation: cannot write " + gif, e);
        } finally {
            writer.dispose();
        }
        return gif;
    }

    private static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(src, 0, 0, null);
        return rgb;
    }

    /** The frame delay, and on the first frame the NETSCAPE2.0 extension that makes viewers loop. */
    private static void configure(IIOMetadata meta, int delayHundredths, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayHundredths));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // loop count 0: forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
