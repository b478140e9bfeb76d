package io.github.meanshift.segment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A picture cut into square tiles of {@code side} pixels (the last column and row of tiles are
 * narrower), each read with a margin ({@link SegmentParams#halo}) so that its core filters exactly
 * as in the whole picture.
 */
public final class TileGrid implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One tile: its place in the grid, its core and the pixels it reads (not a record: Kryo). */
  public static final class Tile implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final int column;
    private final int row;
    private final Rect core;
    private final Rect read;

    Tile(int index, int column, int row, Rect core, Rect read) {
      this.index = index;
      this.column = column;
      this.row = row;
      this.core = core;
      this.read = read;
    }

    /** Row-major place in the grid. */
    public int index() {
      return index;
    }

    public int column() {
      return column;
    }

    public int row() {
      return row;
    }

    /** The pixels this tile labels. */
    public Rect core() {
      return core;
    }

    /** The pixels it reads: the core and its halo, cut to the picture. */
    public Rect read() {
      return read;
    }
  }

  private final int width;
  private final int height;
  private final int side;
  private final int columns;
  private final int rows;
  private final int halo;

  /**
   * @throws IllegalArgumentException if the side is not a positive multiple of {@link
   *     ModeFilter#BLOCK}
   */
  public TileGrid(int width, int height, int side, int halo) {
    if (side < ModeFilter.BLOCK || side % ModeFilter.BLOCK != 0) {
      throw new IllegalArgumentException(
          "tile side must be a positive multiple of " + ModeFilter.BLOCK + ", got " + side);
    }
    this.width = width;
    this.height = height;
    this.side = side;
    this.halo = halo;
    this.columns = (width + side - 1) / side;
    this.rows = (height + side - 1) / side;
  }

  public int columns() {
    return columns;
  }

  public int rows() {
    return rows;
  }

  public int count() {
    return columns * rows;
  }

  public int halo() {
    return halo;
  }

  public int side() {
    return side;
  }

  /** Tile {@code index}, row-major over the grid. */
  public Tile tile(int index) {
    int c = index % columns;
    int r = index / columns;
    Rect core =
        new Rect(
            c * side,
            r * side,
            Math.min(side, width - c * side),
            Math.min(side, height - r * side));
    return new Tile(index, c, r, core, core.grow(halo, new Rect(0, 0, width, height)));
  }

  /** Every tile, row-major. */
  public List<Tile> tiles() {
    List<Tile> all = new ArrayList<>(count());
    for (int i = 0; i < count(); i++) {
      all.add(tile(i));
    }
    return all;
  }

  /** The tile right of {@code t}, or -1. */
  int right(Tile t) {
    return t.column() + 1 < columns ? t.index() + 1 : -1;
  }

  /** The tile below {@code t}, or -1. */
  int below(Tile t) {
    return t.row() + 1 < rows ? t.index() + columns : -1;
  }
}
