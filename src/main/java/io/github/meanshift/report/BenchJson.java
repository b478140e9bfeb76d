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

  /** Peak and maximum heap of this JVM (in local mode, the driver and executor). */
  public static ObjectNode memory() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    ObjectNode m = ResultFiles.newObject();
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
