package io.github.meanshift.segment;

import java.io.Serializable;

/** Where a Spark task gets the pixels of its tile: a picture file, or a synthetic scene. */
public interface PixelSource extends Serializable {
  int width();

  int height();

  /** The pixels of {@code area} (inside the picture). */
  Raster read(Rect area);

  /** The known region of each pixel of {@code area}, row-major, or null if none is known. */
  default int[] truth(Rect area) {
    return null;
  }

  /** Number of known regions, 0 if unknown. */
  default int knownRegions() {
    return 0;
  }

  /** What the pixels are, for logs and the report. */
  String describe();

  /** A synthetic scene: each task computes its own pixels and their known regions. */
  static PixelSource of(SyntheticScene scene) {
    return new PixelSource() {
      private static final long serialVersionUID = 1L;

      @Override
      public int width() {
        return scene.width();
      }

      @Override
      public int height() {
        return scene.height();
      }

      @Override
      public Raster read(Rect area) {
        return scene.raster(area);
      }

      @Override
      public int[] truth(Rect area) {
        return scene.regionsOf(area);
      }

      @Override
      public int knownRegions() {
        return scene.regions();
      }

      @Override
      public String describe() {
        return "synthetic:" + scene.spec();
      }
    };
  }
}
