package io.github.meanshift.segment;

import io.github.meanshift.common.BadInputException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileCacheImageInputStream;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A picture file (PNG, JPEG, TIFF, BMP, GIF: what ImageIO reads) on any Hadoop file system, read a
 * rectangle at a time: a Spark task decodes only as far as its tile (ImageIO's source region), so
 * no task holds the whole picture. Its size comes from the header alone.
 */
public final class PictureFile implements PixelSource {
  private static final long serialVersionUID = 1L;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ImageIO.setUseCache(false);
  }

  /**
   * Largest picture the joint-point methods read, in pixels (each pixel becomes one row of a
   * DataFrame); the regions method reads any size a tile at a time.
   */
  public static final long MAX_POINT_PIXELS = 100_000_000L;

  private final String path;
  private final HadoopConf conf;
  private final int width;
  private final int height;

  private PictureFile(String path, HadoopConf conf, int width, int height) {
    this.path = path;
    this.conf = conf;
    this.width = width;
    this.height = height;
  }

  /**
   * Opens the picture at {@code path} and reads its size.
   *
   * @throws BadInputException naming the file if it does not exist, is a directory, is empty or is
   *     not a picture ImageIO can decode
   */
  public static PictureFile open(String path, Configuration conf) {
    if (path == null || path.isBlank()) {
      throw new BadInputException("image path must not be empty");
    }
    try {
      Path p = new Path(path);
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
      PictureFile probe = new PictureFile(path, new HadoopConf(conf), 0, 0);
      try (ImageInputStream in = probe.stream()) {
        ImageReader reader = reader(in, path);
        try {
          return new PictureFile(path, probe.conf, reader.getWidth(0), reader.getHeight(0));
        } finally {
          reader.dispose();
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadInputException) {
        throw (BadInputException) e;
      }
      throw new BadInputException("cannot read image " + path + ": " + e.getMessage(), e);
    }
  }

  public String path() {
    return path;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public String describe() {
    return path;
  }

  /** The whole picture. */
  public BufferedImage readAll() {
    return readImage(null);
  }

  @Override
  public Raster read(Rect area) {
    BufferedImage part = readImage(new Rectangle(area.x(), area.y(), area.width(), area.height()));
    if (part.getWidth() != area.width() || part.getHeight() != area.height()) {
      throw new BadInputException(
          "cannot read image "
              + path
              + ": asked for "
              + area
              + ", got "
              + part.getWidth()
              + "x"
              + part.getHeight());
    }
    Raster r = Raster.of(part);
    return new Raster(area, r.rgb());
  }

  private BufferedImage readImage(Rectangle region) {
    try (ImageInputStream in = stream()) {
      ImageReader reader = reader(in, path);
      try {
        ImageReadParam param = reader.getDefaultReadParam();
        if (region != null) {
          param.setSourceRegion(region);
        }
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadInputException) {
        throw (BadInputException) e;
      }
      throw new BadInputException("cannot read image " + path + ": " + e.getMessage(), e);
    }
  }

  /** A local file is read in place; other file systems through a temporary-file cache. */
  private ImageInputStream stream() throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf.get());
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      File file = new File(fs.makeQualified(p).toUri());
      return new FileImageInputStream(file);
    }
    return new FileCacheImageInputStream(fs.open(p), null);
  }

  private static ImageReader reader(ImageInputStream in, String path) {
    if (in == null) {
      throw new BadInputException("cannot read image " + path);
    }
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      throw new BadInputException(
          "cannot read image " + path + ": not a PNG or JPEG picture (no ImageIO reader for it)");
    }
    ImageReader reader = readers.next();
    reader.setInput(in, true, true);
    return reader;
  }
}
