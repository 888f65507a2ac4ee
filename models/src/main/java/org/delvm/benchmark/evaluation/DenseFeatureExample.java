package org.delvm.benchmark.evaluation;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.FeatureMap;
import org.tribuo.protos.core.ExampleProto;
import org.tribuo.util.Merger;

/**
 * A read-only Tribuo example over a dense float vector whose feature names are shared by every
 * example. Tribuo's own examples copy a name and a double per feature into each example, which at
 * tens of thousands of features per image does not fit in memory for a whole dataset.
 */
final class DenseFeatureExample<T extends org.tribuo.Output<T>> extends Example<T> {

  private static final long serialVersionUID = 1L;

  private final String[] names;
  private final float[] values;

  /** {@code names} must be sorted and are not copied; nor are {@code values}. */
  DenseFeatureExample(T output, String[] names, float[] values) {
    super(output);
    this.names = names;
    this.values = values;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public Iterator<Feature> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < names.length;
      }

      @Override
      public Feature next() {
        if (next >= names.length) {
          throw new NoSuchElementException();
        }
        Feature f = new Feature(names[next], values[next]);
        next++;
        return f;
      }
    };
  }

  @Override
  public boolean validateExample() {
    return true;
  }

  @Override
  public boolean isDense(FeatureMap featureMap) {
    return names.length == featureMap.size();
  }

  @Override
  public Example<T> copy() {
    return new DenseFeatureExample<>(getOutput(), names, values);
  }

  @Override
  public void canonicalize(FeatureMap featureMap) {
    // Names are shared already.
  }

  @Override
  protected void sort() {
    // Names are sorted by construction.
  }

  @Override
  public void add(Feature feature) {
    throw readOnly();
  }

  @Override
  public void addAll(Collection<? extends Feature> features) {
    throw readOnly();
  }

  @Override
  public void removeFeatures(List<Feature> features) {
    // Datasets call this with the features their map lacks: none, since the map is built from
    // the shared names.
    if (!features.isEmpty()) {
      throw readOnly();
    }
  }

  @Override
  public void reduceByName(Merger merger) {
    throw readOnly();
  }

  @Override
  protected void densify(List<String> featureNames) {
    throw readOnly();
  }

  @Override
  public void set(Feature feature) {
    throw readOnly();
  }

  @Override
  public ExampleProto serialize() {
    throw new UnsupportedOperationException("feature examples are not serialised");
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("feature examples are read-only");
  }
}
