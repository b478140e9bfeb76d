package io.github.meanshift.ml;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time of each phase of a fit, in the order the phases first ran. */
final class FitTimer {
  private final LinkedHashMap<String, Double> phases = new LinkedHashMap<>();

  /** Runs {@code body} and adds its wall time to {@code phase}. */
  <T> T time(String phase, Supplier<T> body) {
    long start = System.nanoTime();
    try {
      return body.get();
    } finally {
      phases.merge(phase, (System.nanoTime() - start) / 1e9, Double::sum);
    }
  }

  /** Seconds per phase so far (a copy). */
  Map<String, Double> phases() {
    return new LinkedHashMap<>(phases);
  }

  double total() {
    return phases.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    phases.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(k)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.6g", v))
                .append(" s"));
    return sb.toString();
  }
}
