package io.github.meanshift.io;

import io.github.meanshift.common.BadInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads pictures (PNG, JPEG, anything {@link ImageIO} reads) from any Hadoop file system, and
 * writes PNG files into a result directory. Every problem with the input is an {@link
 * IllegalArgumentException} naming the file.
 */
public final class ImageFiles {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ImageIO.setUseCache(false);
  }

  /** Largest picture read, in pixels (each pixel becomes one row of a DataFrame). */
  public static final long MAX_PIXELS = 100_000_000L;

  private ImageFiles() {}

  /**
   * Reads the picture at {@code path}.
   *
   * @throws IllegalArgumentException if it does not exist, is a directory, is empty, is not a
   *     picture ImageIO can decode, or has more than {@link #MAX_PIXELS} pixels
   */
  public static BufferedImage read(String path, Configuration conf) {
    if (path == null || path.isBlank()) {
      throw new BadInputException("image path must not be empty");
    }
    Path p = new Path(path);
    BufferedImage image;
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new BadInputException("image " + path + " does not exist");
      }
      FileStatus status = fs.getFileStatus(p);
      if (status.isDirectory()) {
        throw new BadInputException("image " + path + " is a directory, not a picture");
      }
      if (status.getLen() == 0) {
        throw new BadInputException("image " + path + " is empty");
      }
      try (InputStream in = fs.open(p)) {
        image = ImageIO.read(in);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadInputException) {
        throw (BadInputException) e;
      }
      throw new BadInputException("cannot read image " + path + ": " + e.getMessage(), e);
    }
    if (image == null) {
      throw new BadInputException(
          "cannot read image " + path + ": not a PNG or JPEG picture (no ImageIO reader for it)");
    }
    long pixels = (long) image.getWidth() * image.getHeight();
    if (pixels > MAX_PIXELS) {
      throw new BadInputException(
          "image "
              + path
              + " has "
              + pixels
              + " pixels, more than "
              + MAX_PIXELS
              + "; downscale it first");
    }
    return image;
  }

  /** Writes {@code image} as the PNG file {@code name} in the result directory. */
  public static void writePng(OutputDir dir, String name, BufferedImage image) throws IOException {
    try (OutputStream os = dir.create(name)) {
      if (!ImageIO.write(image, "png", os)) {
        throw new IOException("no PNG writer available to write " + name);
      }
    }
  }
}
