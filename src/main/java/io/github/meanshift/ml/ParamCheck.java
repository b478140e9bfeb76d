package io.github.meanshift.ml;

import io.github.meanshift.common.NamedEnum;
import java.io.Serializable;
import java.util.function.Predicate;
import scala.runtime.AbstractFunction1;

/**
 * A param validator (what Spark ML calls {@code isValid}) that can also say in words what it
 * accepts ("a number >= 0"), so that the command line, which checks its options with the same
 * validators, reports a bad value as {@code --tol must be a number >= 0, got -1.0}. Built once per
 * param in {@link MeanShiftParamDefs}; nothing else defines what a param accepts.
 */
public final class ParamCheck<T> extends AbstractFunction1<T, Object> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String accepts;
  private final SerializablePredicate test;

  /** A predicate that survives serialisation with its param. */
  interface SerializablePredicate extends Predicate<Object>, Serializable {}

  private ParamCheck(String accepts, SerializablePredicate test) {
    this.accepts = accepts;
    this.test = test;
  }

  /** A finite number strictly above {@code bound}. */
  static ParamCheck<Object> above(double bound) {
    return new ParamCheck<>(
        bound == 0 ? "a positive number" : "a number > " + bound,
        v -> finite(v) && ((Number) v).doubleValue() > bound);
  }

  /** A finite number at least {@code bound}. */
  static ParamCheck<Object> atLeast(double bound) {
    return new ParamCheck<>(
        "a number >= " + number(bound), v -> finite(v) && ((Number) v).doubleValue() >= bound);
  }

  /** An integer (int or long) at least {@code bound}. */
  static ParamCheck<Object> atLeast(long bound) {
    return new ParamCheck<>("at least " + bound, v -> ((Number) v).longValue() >= bound);
  }

  /** A number in the half-open range {@code (lo, hi]}. */
  static ParamCheck<Object> inRangeOpenClosed(double lo, double hi) {
    return new ParamCheck<>(
        "in (" + number(lo) + ", " + number(hi) + "]",
        v -> {
          double d = ((Number) v).doubleValue();
          return d > lo && d <= hi;
        });
  }

  /** The name of a constant of {@code type} (case-insensitive). */
  static <E extends Enum<E> & NamedEnum> ParamCheck<String> oneOf(Class<E> type) {
    String[] names = NamedEnum.names(type);
    return new ParamCheck<>(
        "one of " + String.join(", ", names),
        v -> {
          for (String n : names) {
            if (n.equalsIgnoreCase(String.valueOf(v))) {
              return true;
            }
          }
          return false;
        });
  }

  /** What the param accepts, in words ("a number >= 0", "one of standard, blurring"). */
  public String accepts() {
    return accepts;
  }

  /** Whether {@code value} is accepted. */
  public boolean test(Object value) {
    return value != null && test.test(value);
  }

  @Override
  public Object apply(T value) {
    return test(value);
  }

  private static boolean finite(Object v) {
    return Double.isFinite(((Number) v).doubleValue());
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
