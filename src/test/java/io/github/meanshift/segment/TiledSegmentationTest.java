package io.github.meanshift.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.meanshift.SparkTestBase;
import io.github.meanshift.shift.Kernel;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Tiles with halos in Spark tasks give exactly the regions of the whole picture segmented at once:
 * the same label for every pixel (both are numbered in raster order of first pixels), for several
 * tile sizes, kernels and with and without the basin speed-up.
 */
class TiledSegmentationTest extends SparkTestBase {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("shapes:200x136", 64, Kernel.FLAT, true),
        Arguments.of("shapes:200x136", 32, Kernel.FLAT, false),
        Arguments.of("textures:160x160:noise=9", 64, Kernel.FLAT, true),
        Arguments.of("gradients:150x100", 32, Kernel.EPANECHNIKOV, true));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void tiledRegionsEqualTheWholePicturesRegions(
      String spec, int tileSide, Kernel kernel, boolean basin) {
    SyntheticScene scene = SyntheticScene.parse(spec);
    SegmentParams params = new SegmentParams(6, 16, kernel, 6, 0.1, 20, basin);
    Regions whole = Segmenter.segment(scene.raster(), params, true);
    try (TiledSegmentation tiled =
        TiledSegmentation.run(spark, PixelSource.of(scene), params, tileSide)) {
      assertTrue(tiled.grid().count() >= 4, "several tiles");
      assertEquals(whole.count(), tiled.count(), "regions");
      assertArrayEquals(whole.labels(), tiled.collectLabels(), "every pixel's region");
      assertArrayEquals(whole.sizes(), tiled.sizes(), "region sizes");
      assertArrayEquals(whole.colours(), tiled.colours(), "region colours");
      assertTrue(whole.counts().get("labelled").intValue() > whole.count(), "pruning merged some");
      int[] table = new int[whole.labels().length];
      for (Row r : tiled.labels(spark).collectAsList()) {
        table[r.getInt(1) * scene.width() + r.getInt(0)] = r.getInt(2);
      }
      assertArrayEquals(whole.labels(), table, "the labels table");
    }
  }

  @Test
  void tilesAndIndexEntriesTravelThroughKryo() {
    SyntheticScene scene = SyntheticScene.parse("shapes:64x64");
    SegmentParams params = SegmentParams.defaults();
    TileGrid grid = new TileGrid(64, 64, 32, params.halo());
    TileWork work = TileWork.run(grid.tile(3), 4, PixelSource.of(scene), params);
    SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
    ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
    TileWork back = (TileWork) kryo.deserialize(kryo.serialize(work, tag), tag);
    assertArrayEquals(work.labels, back.labels);
    assertEquals(work.tile.core(), back.tile.core());
    assertArrayEquals(work.summary.stats.first, back.summary.stats.first);
    FolderEntry entry = new FolderEntry("a.png", "a", 3, 4, 5, 0.5, "ok", "");
    FolderEntry entryBack = (FolderEntry) kryo.deserialize(kryo.serialize(entry, tag), tag);
    assertEquals("a.png", entryBack.file());
    assertEquals(5, entryBack.regions());
  }
}
