package io.github.meanshift.segment;

import java.io.Serializable;

/**
 * A rectangle of pixels in picture coordinates: columns {@code x .. x + width - 1}, rows {@code y
 * .. y + height - 1}. A plain class, not a record: Spark's Kryo serializer (4.x) cannot make
 * records.
 */
public final class Rect implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int x;
  private final int y;
  private final int width;
  private final int height;

  /**
   * @throws IllegalArgumentException if the width or height is negative
   */
  public Rect(int x, int y, int width, int height) {
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException(
          "rectangle size must be >= 0, got " + width + "x" + height);
    }
    this.x = x;
    this.y = y;
    this.width = width;
    this.height = height;
  }

  public int x() {
    return x;
  }

  public int y() {
    return y;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rect r && r.x == x && r.y == y && r.width == width && r.height == height;
  }

  @Override
  public int hashCode() {
    return ((x * 31 + y) * 31 + width) * 31 + height;
  }

  /** Pixels in the rectangle. */
  public long pixels() {
    return (long) width * height;
  }

  /** One past the last column. */
  public int right() {
    return x + width;
  }

  /** One past the last row. */
  public int bottom() {
    return y + height;
  }

  /** This rectangle grown by {@code margin} on every side and cut to {@code bounds}. */
  public Rect grow(int margin, Rect bounds) {
    int x0 = Math.max(bounds.x, x - margin);
    int y0 = Math.max(bounds.y, y - margin);
    int x1 = Math.min(bounds.right(), right() + margin);
    int y1 = Math.min(bounds.bottom(), bottom() + margin);
    return new Rect(x0, y0, x1 - x0, y1 - y0);
  }

  /** Whether {@code other} lies inside this rectangle. */
  public boolean contains(Rect other) {
    return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
  }

  @Override
  public String toString() {
    return width + "x" + height + "+" + x + "+" + y;
  }
}
