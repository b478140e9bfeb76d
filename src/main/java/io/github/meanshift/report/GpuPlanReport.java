package io.github.meanshift.report;

import io.github.meanshift.common.BadInputException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;

/**
 * Where the RAPIDS Accelerator would run each hot path of a fit: {@code
 * com.nvidia.spark.rapids.ExplainPlan.explainPotentialGpuPlan(df, "NOT_ON_GPU")} prints one line
 * starting with "!" for every operator that would stay on the CPU, and nothing when the whole plan
 * would run on the GPU. Since RAPIDS 26.x an expression the GPU cannot run may instead be marked
 * "^" ("will run on GPU via CPU bridge": evaluated on the CPU inside a GPU operator); it counts as
 * a fallback too. Needs the RAPIDS jar on the classpath, not a GPU.
 */
public final class GpuPlanReport {
  private static final String EXPLAIN_CLASS = "com.nvidia.spark.rapids.ExplainPlan";

  private final Map<String, String> explained;
  private final List<String> fallbacks;

  private GpuPlanReport(Map<String, String> explained, List<String> fallbacks) {
    this.explained = explained;
    this.fallbacks = fallbacks;
  }

  /**
   * Explains each named plan.
   *
   * @throws IllegalArgumentException if the RAPIDS jar is not on the classpath
   */
  public static GpuPlanReport explain(Map<String, Dataset<?>> plans) {
    Method m;
    try {
      m =
          Class.forName(EXPLAIN_CLASS)
              .getMethod("explainPotentialGpuPlan", Dataset.class, String.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new BadInputException(
          "--explain-gpu needs the RAPIDS Accelerator jar on the classpath (submit.sh adds it from"
              + " ~/.m2 or $RAPIDS_JAR)");
    }
    Map<String, String> explained = new LinkedHashMap<>();
    List<String> fallbacks = new ArrayList<>();
    for (Map.Entry<String, Dataset<?>> e : plans.entrySet()) {
      String out;
      try {
        out = (String) m.invoke(null, e.getValue(), "NOT_ON_GPU");
      } catch (InvocationTargetException ex) {
        throw new IllegalStateException("ExplainPlan failed on " + e.getKey(), ex.getCause());
      } catch (IllegalAccessException ex) {
        throw new IllegalStateException(ex);
      }
      explained.put(e.getKey(), out);
      fallbackLines(out).forEach(l -> fallbacks.add(e.getKey() + ": " + l));
    }
    return new GpuPlanReport(explained, fallbacks);
  }

  /**
   * The lines of an ExplainPlan report that name CPU work: operators that stay on the CPU ("!") and
   * expressions bridged to the CPU ("^").
   */
  public static List<String> fallbackLines(String explained) {
    return explained
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith("!") || l.startsWith("^"))
        .toList();
  }

  /** Each operator that would not run on the GPU, prefixed by its plan's name. */
  public List<String> fallbacks() {
    return fallbacks;
  }

  /** The text of gpu-plan.txt. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "# Where the RAPIDS Accelerator would run each hot path (ExplainPlan, NOT_ON_GPU).\n");
    sb.append(
        "# Lines starting with '!' name operators that would stay on the CPU, '^' expressions"
            + " bridged to the CPU.\n");
    for (Map.Entry<String, String> e : explained.entrySet()) {
      sb.append("\n== ").append(e.getKey()).append('\n');
      sb.append(e.getValue().isBlank() ? "every operator would run on the GPU\n" : e.getValue());
      if (!e.getValue().isBlank() && !e.getValue().endsWith("\n")) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
