package io.github.meanshift.cli;

import io.github.meanshift.common.NamedEnum;
import io.github.meanshift.ml.MeanShift;
import io.github.meanshift.ml.ParamCheck;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options that set an estimator's params: an option whose {@code descriptionKey} is {@code
 * ESTIMATOR.PARAM} ({@code meanShift.tol}, {@code kmeans.maxIter}) takes its default from that
 * param, is checked by that param's validator, and sets that param. The command line thus holds no
 * second copy of a default or a check: both live in the estimator (see MeanShiftParamDefs, or
 * MLlib's KMeans).
 */
final class ParamOptions implements IDefaultValueProvider {
  /** The estimators whose params options may name, by the first part of the key. */
  private static final Map<String, Supplier<Params>> ESTIMATORS =
      Map.of("meanShift", MeanShift::new, "kmeans", KMeans::new);

  /** A fresh estimator of each kind, for reading defaults. */
  private static final Map<String, Params> DEFAULTS =
      Map.of("meanShift", new MeanShift(), "kmeans", new KMeans());

  @Override
  public String defaultValue(ArgSpec arg) {
    Param<Object> param = param(arg, DEFAULTS);
    if (param == null) {
      return null;
    }
    Params owner = DEFAULTS.get(estimator(arg));
    return owner.hasDefault(param) ? String.valueOf(owner.getDefault(param).get()) : null;
  }

  /**
   * Checks every param option of {@code spec} against its param's validator.
   *
   * @throws UsageException naming the option, what it accepts and the value given
   */
  static void check(CommandSpec spec) {
    for (OptionSpec o : spec.options()) {
      Param<Object> param = param(o, DEFAULTS);
      Object value = o.getValue();
      if (param == null || value == null) {
        continue;
      }
      checkValue(o.longestName(), param, value);
    }
  }

  /**
   * Checks {@code value} of option {@code option} against {@code param}'s validator.
   *
   * @throws UsageException naming the option, what the param accepts and the value
   */
  static void checkValue(String option, Param<Object> param, Object value) {
    Object v = paramValue(value);
    if (!Boolean.TRUE.equals(param.isValid().apply(v))) {
      String accepts =
          param.isValid() instanceof ParamCheck<?> c
              ? c.accepts()
              : "valid for the param " + param.name() + " (" + param.doc() + ")";
      throw new UsageException(option + " must be " + accepts + ", got " + value);
    }
  }

  /** Sets {@code target}'s params from the options of {@code spec} keyed to {@code estimator}. */
  static <T extends Params> T apply(CommandSpec spec, String estimator, T target) {
    for (OptionSpec o : spec.options()) {
      if (!estimator.equals(estimator(o)) || o.getValue() == null) {
        continue;
      }
      Param<Object> param = param(o, Map.of(estimator, target));
      if (param != null) {
        target.set(param, paramValue(o.getValue()));
      }
    }
    return target;
  }

  /** A fresh estimator of the kind {@code estimator} names. */
  static Params newEstimator(String estimator) {
    return ESTIMATORS.get(estimator).get();
  }

  /** An option value as its param holds it: enum constants by their lower-case names. */
  private static Object paramValue(Object value) {
    return value instanceof NamedEnum e ? e.paramName() : value;
  }

  private static String estimator(ArgSpec arg) {
    String key = arg instanceof OptionSpec o ? o.descriptionKey() : null;
    int dot = key == null ? -1 : key.indexOf('.');
    return dot < 0 ? null : key.substring(0, dot);
  }

  @SuppressWarnings("unchecked")
  private static Param<Object> param(ArgSpec arg, Map<String, Params> owners) {
    String estimator = estimator(arg);
    Params owner = estimator == null ? null : owners.get(estimator);
    if (owner == null) {
      return null;
    }
    String name = ((OptionSpec) arg).descriptionKey().substring(estimator.length() + 1);
    return owner.hasParam(name) ? (Param<Object>) owner.getParam(name) : null;
  }
}
