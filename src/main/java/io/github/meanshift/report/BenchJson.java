package io.github.meanshift.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.spark.sql.SparkSession;

/** The shared parts of a bench.json: memory, machine, and the atomic write. */
public final class BenchJson {
  private BenchJson() {}

  /**
   * Heap of this JVM (in local mode, the driver and executor): {@code old_gen_peak_bytes}, the peak
   * of the tenured pool (what survived young collections; G1 lets it fill up to its occupancy
   * threshold before it collects, so an upper bound of the live data, not the live data itself),
   * {@code peak_heap_bytes}, the sum of every heap pool's own peak (a looser bound: the pools peak
   * at different times, the young ones at their size), and {@code max_heap_bytes}.
   */
  public static ObjectNode memory() {
    long peak = 0;
    long oldPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
        String name = pool.getName();
        if (name.contains("Old") || name.contains("Tenured")) {
          oldPeak = Math.max(oldPeak, pool.getPeakUsage().getUsed());
        }
      }
    }
    ObjectNode m = ResultFiles.newObject();
    m.put("old_gen_peak_bytes", oldPeak);
    m.put("peak_heap_bytes", peak);
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    return m;
  }

  /** Cores, Java, Spark, master, OS. */
  public static ObjectNode machine(SparkSession spark) {
    ObjectNode m = ResultFiles.newObject();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.version"));
    m.put("spark", spark.version());
    m.put("master", spark.sparkContext().master());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return m;
  }

  /** Writes {@code out} to {@code output} through a temporary file renamed into place. */
  public static void write(ObjectNode out, String output) throws IOException {
    Path target = Path.of(output).toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".bench", ".json");
    Files.writeString(tmp, out.toPrettyString() + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
