package io.github.meanshift.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meanshift.common.BadInputException;
import io.github.meanshift.io.OutputDir;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments a folder of pictures, as a scheduled pipeline runs them: each picture of at most one
 * tile is segmented whole in one Spark task, which writes its segmented.png, boundaries.png and
 * report.json into the picture's own folder; their labels tables are written by one Spark job;
 * larger pictures are segmented afterwards in tiles ({@link TiledSegmentation}). A picture that
 * cannot be read or segmented is reported in the index and leaves no folder; the others go on.
 */
public final class FolderSegmentation {
  private static final Logger LOG = LoggerFactory.getLogger(FolderSegmentation.class);

  /** File name endings taken from a directory (a glob takes whatever it matches). */
  public static final List<String> EXTENSIONS =
      List.of(".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif");

  /** Name of the index table in the result directory. */
  public static final String INDEX = "index.csv";

  private static final String PICTURE = "_picture";

  private static final class Job implements Serializable {
    private static final long serialVersionUID = 1L;
    final int index;
    final String path;
    final String folder;

    Job(int index, String path, String folder) {
      this.index = index;
      this.path = path;
      this.folder = folder;
    }
  }

  private static final class Outcome implements Serializable {
    private static final long serialVersionUID = 1L;
    final FolderEntry entry;
    final int width;
    final int[] labels;

    Outcome(FolderEntry entry, int width, int[] labels) {
      this.entry = entry;
      this.width = width;
      this.labels = labels;
    }

    FolderEntry entry() {
      return entry;
    }
  }

  private FolderSegmentation() {}

  /**
   * The pictures of a directory (files ending in one of {@link #EXTENSIONS}, any case) or the files
   * a glob matches, sorted by path.
   *
   * @throws BadInputException if nothing matches
   */
  public static List<String> list(String dirOrGlob, Configuration conf) {
    try {
      Path p = new Path(dirOrGlob);
      FileSystem fs = p.getFileSystem(conf);
      List<String> files = new ArrayList<>();
      boolean glob = dirOrGlob.matches(".*[*?\\[{].*");
      FileStatus[] found;
      if (glob) {
        found = fs.globStatus(p);
      } else if (fs.exists(p) && fs.getFileStatus(p).isDirectory()) {
        found = fs.listStatus(p);
      } else {
        throw new BadInputException(
            "--images " + dirOrGlob + " is not a directory (give a directory or a glob)");
      }
      for (FileStatus s : found == null ? new FileStatus[0] : found) {
        String name = s.getPath().getName();
        boolean hidden = name.startsWith(".") || name.startsWith("_");
        boolean picture =
            EXTENSIONS.stream().anyMatch(e -> name.toLowerCase(Locale.ROOT).endsWith(e));
        if (s.isFile() && !hidden && (glob || picture)) {
          files.add(s.getPath().toString());
        }
      }
      files.sort(null);
      if (files.isEmpty()) {
        throw new BadInputException(
            "--images " + dirOrGlob + ": no picture found (" + String.join(", ", EXTENSIONS) + ")");
      }
      return files;
    } catch (IOException e) {
      throw new BadInputException("--images " + dirOrGlob + ": " + e.getMessage(), e);
    }
  }

  /**
   * Segments {@code files} into {@code dir}: one folder a picture, and {@link #INDEX}.
   *
   * @param header report.json fields every picture's report starts with (command, parameters)
   * @param format labels table format, parquet or csv
   * @return the index, in file order
   * @throws BadInputException if no picture could be segmented (nothing is then kept)
   */
  public static List<FolderEntry> run(
      SparkSession spark,
      OutputDir dir,
      List<String> files,
      SegmentParams params,
      int tileSide,
      ObjectNode header,
      String format)
      throws IOException {
    List<Job> jobs = new ArrayList<>();
    List<String> folders = folders(files);
    for (int i = 0; i < files.size(); i++) {
      jobs.add(new Job(i, files.get(i), folders.get(i)));
    }
    String result = dir.result().toString();
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    int n = jobs.size();
    LOG.info("{} pictures, pictures of at most {}x{} one a task", n, tileSide, tileSide);
    JavaRDD<Outcome> outcomes =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(jobs, Math.max(1, n))
            .map(job -> segmentOne(job, n, params, tileSide, header, result, conf))
            .persist(StorageLevel.DISK_ONLY());
    FolderEntry[] entries = new FolderEntry[n];
    try {
      for (FolderEntry e : outcomes.map(Outcome::entry).collect()) {
        entries[jobs.stream().filter(j -> j.path.equals(e.file())).findFirst().get().index] = e;
      }
      writeLabels(spark, dir, outcomes, entries, format);
    } finally {
      outcomes.unpersist(false);
    }
    for (int i = 0; i < n; i++) {
      if (entries[i].status().equals("tiled")) {
        entries[i] = segmentTiled(spark, dir, jobs.get(i), params, tileSide, header, format);
      }
    }
    List<FolderEntry> index = Arrays.asList(entries);
    long ok = index.stream().filter(FolderEntry::ok).count();
    if (ok == 0) {
      throw new BadInputException(
          "no picture could be segmented; the first: " + index.get(0).error());
    }
    FolderIndex.write(dir, index);
    index.stream()
        .filter(e -> !e.ok())
        .forEach(e -> LOG.warn("{}: not segmented: {}", e.file(), e.error()));
    LOG.info("{} of {} pictures segmented; index in {}", ok, n, INDEX);
    return index;
  }

  /** In a task: segments one picture of at most one tile and writes its folder. */
  private static Outcome segmentOne(
      Job job,
      int n,
      SegmentParams params,
      int tileSide,
      ObjectNode header,
      String result,
      HadoopConf conf) {
    long start = System.nanoTime();
    Path folder = new Path(result, job.folder);
    int w = 0;
    int h = 0;
    try {
      PictureFile file = PictureFile.open(job.path, conf.get());
      w = file.width();
      h = file.height();
      if (w > tileSide || h > tileSide) {
        return new Outcome(new FolderEntry(job.path, job.folder, w, h, 0, 0, "tiled", ""), w, null);
      }
      Raster picture = Raster.of(file.readAll());
      Regions regions = Segmenter.segment(picture, params, false);
      FileSystem fs = folder.getFileSystem(conf.get());
      RegionPictures.Sink sink = name -> fs.create(new Path(folder, name), true);
      RegionPictures.write(regions, picture, sink);
      double seconds = (System.nanoTime() - start) / 1e9;
      ObjectNode report =
          pictureReport(header, job, w, h, RegionReport.of(regions, params, tileSide, false, null));
      report.with("seconds").put("total", seconds);
      RegionReport.write(report, sink.create("report.json"));
      LOG.info(
          String.format(
              Locale.ROOT,
              "picture %d/%d %s: %dx%d, %d regions, %.2f s",
              job.index + 1,
              n,
              job.path,
              w,
              h,
              regions.count(),
              seconds));
      return new Outcome(
          new FolderEntry(job.path, job.folder, w, h, regions.count(), seconds, "ok", ""),
          w,
          regions.labels());
    } catch (IOException | RuntimeException e) {
      try {
        folder.getFileSystem(conf.get()).delete(folder, true);
      } catch (IOException ignored) {
        // the index reports the picture; a partial folder is the lesser problem
      }
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.warn("picture {}/{} {}: {}", job.index + 1, n, job.path, message);
      return new Outcome(
          new FolderEntry(
              job.path, job.folder, w, h, 0, (System.nanoTime() - start) / 1e9, "error", message),
          w,
          null);
    }
  }

  private static ObjectNode pictureReport(
      ObjectNode header, Job job, int w, int h, ObjectNode regions) {
    ObjectNode r = header.deepCopy();
    r.put("image", job.path);
    r.put("width", w);
    r.put("height", h);
    r.put("pixels", (long) w * h);
    r.setAll(regions);
    return r;
  }

  /** One Spark job writes every small picture's labels, then each goes to its folder. */
  private static void writeLabels(
      SparkSession spark,
      OutputDir dir,
      JavaRDD<Outcome> outcomes,
      FolderEntry[] entries,
      String format)
      throws IOException {
    StructType schema =
        new StructType()
            .add(PICTURE, DataTypes.IntegerType, false)
            .add(TiledSegmentation.LABELS_SCHEMA.fields()[0])
            .add(TiledSegmentation.LABELS_SCHEMA.fields()[1])
            .add(TiledSegmentation.LABELS_SCHEMA.fields()[2]);
    List<String> files = new ArrayList<>();
    for (FolderEntry e : entries) {
      files.add(e.file());
    }
    JavaRDD<Row> rows =
        outcomes
            .filter(o -> o.labels != null)
            .flatMap(
                o -> {
                  int picture = files.indexOf(o.entry.file());
                  int[] labels = o.labels;
                  int w = o.width;
                  return new Iterator<Row>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                      return i < labels.length;
                    }

                    @Override
                    public Row next() {
                      Row r = RowFactory.create(picture, i % w, i / w, labels[i]);
                      i++;
                      return r;
                    }
                  };
                });
    Path all = new Path(dir.work(), "labels");
    Dataset<Row> table = spark.createDataFrame(rows, schema);
    if (format.equals("csv")) {
      table.write().partitionBy(PICTURE).option("header", "true").csv(all.toString());
    } else {
      table.write().partitionBy(PICTURE).parquet(all.toString());
    }
    FileSystem fs = dir.fileSystem();
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].ok()) {
        Path part = new Path(all, PICTURE + "=" + i);
        Path target = dir.result(entries[i].folder() + "/labels");
        if (!fs.rename(part, target)) {
          throw new IOException("cannot move " + part + " to " + target);
        }
      }
    }
  }

  /** On the driver: a picture larger than one tile, in tiles. */
  private static FolderEntry segmentTiled(
      SparkSession spark,
      OutputDir dir,
      Job job,
      SegmentParams params,
      int tileSide,
      ObjectNode header,
      String format) {
    long start = System.nanoTime();
    String folder = job.folder;
    try {
      PictureFile file = PictureFile.open(job.path, spark.sparkContext().hadoopConfiguration());
      try (TiledSegmentation tiled = TiledSegmentation.run(spark, file, params, tileSide)) {
        tiled.writePictures(
            dir.create(folder + "/segmented.png"), dir.create(folder + "/boundaries.png"), null);
        io.github.meanshift.report.ResultFiles.writeTable(
            dir, folder + "/labels", tiled.labels(spark), format);
        double seconds = (System.nanoTime() - start) / 1e9;
        ObjectNode report =
            pictureReport(
                header,
                job,
                file.width(),
                file.height(),
                RegionReport.of(tiled, params, tileSide, true, null));
        report.with("seconds").put("total", seconds);
        RegionReport.write(report, dir.create(folder + "/report.json"));
        return new FolderEntry(
            job.path, folder, file.width(), file.height(), tiled.count(), seconds, "ok", "");
      }
    } catch (IOException | RuntimeException e) {
      try {
        dir.fileSystem().delete(dir.result(folder), true);
      } catch (IOException ignored) {
        // reported in the index
      }
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      return new FolderEntry(
          job.path, folder, 0, 0, 0, (System.nanoTime() - start) / 1e9, "error", message);
    }
  }

  /** A folder name per file: its name without the extension, made unique. */
  static List<String> folders(List<String> files) {
    List<String> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    taken.add(INDEX);
    taken.add("report.json");
    for (String f : files) {
      String name = new Path(f).getName();
      int dot = name.lastIndexOf('.');
      String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
      String folder = stem;
      for (int k = 2; !taken.add(folder); k++) {
        folder = stem + "-" + k;
      }
      out.add(folder);
    }
    return out;
  }
}
