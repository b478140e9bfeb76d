package io.github.meanshift.segment;

import java.io.Serializable;

/**
 * One line of a folder run's index: a picture, its folder, size, regions, seconds and status. A
 * plain class, not a record: Spark's Kryo 4 cannot make records.
 */
public final class FolderEntry implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String folder;
  private final int width;
  private final int height;
  private final int regions;
  private final double seconds;
  private final String status;
  private final String error;

  FolderEntry(
      String file,
      String folder,
      int width,
      int height,
      int regions,
      double seconds,
      String status,
      String error) {
    this.file = file;
    this.folder = folder;
    this.width = width;
    this.height = height;
    this.regions = regions;
    this.seconds = seconds;
    this.status = status;
    this.error = error;
  }

  public String file() {
    return file;
  }

  /** The picture's folder under the result directory. */
  public String folder() {
    return folder;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int regions() {
    return regions;
  }

  public double seconds() {
    return seconds;
  }

  /** ok, error (or tiled while it waits for the tiled run). */
  public String status() {
    return status;
  }

  /** Why the picture was not segmented; empty when it was. */
  public String error() {
    return error;
  }

  boolean ok() {
    return status.equals("ok");
  }
}
