package org.delvm.benchmark.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data sets the benchmark knows, by id. {@link #standard()} holds the ones the paper uses;
 * tests build their own catalogue around fixture files.
 *
 * <p>Sizes and SHA-256 of the standard entries were measured on byte-exact copies (for ECG5000 and
 * Fashion-MNIST the publishers' own checksums confirm the copies, see each entry).
 */
public final class DatasetCatalogue {

  private static final String FASHION_S3 =
      // S3 website endpoints serve plain http only; the SHA-256 check makes that safe.
      "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
  private static final String FASHION_GITHUB =
      "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/";

  private final Map<String, DatasetDescriptor> byId = new LinkedHashMap<>();

  /** A catalogue of the given data sets; ids must be distinct. */
  public DatasetCatalogue(List<DatasetDescriptor> descriptors) {
    for (DatasetDescriptor descriptor : descriptors) {
      if (byId.putIfAbsent(descriptor.id(), descriptor) != null) {
        throw new IllegalArgumentException("Data set id listed twice: " + descriptor.id());
      }
    }
  }

  /** The data sets of the paper: ECG5000, Fashion-MNIST, CIFAR-10 and its lossy JPEG copy. */
  public static DatasetCatalogue standard() {
    return new DatasetCatalogue(List.of(ecg5000(), fashionMnist(), cifar10(), cifar10Jpeg()));
  }

  /**
   * The descriptor for {@code id}.
   *
   * @throws IllegalArgumentException naming the id and listing the valid ones
   */
  public DatasetDescriptor get(String id) {
    DatasetDescriptor descriptor = byId.get(id);
    if (descriptor == null) {
      throw new IllegalArgumentException("Unknown data set id '" + id + "'; valid ids: " + ids());
    }
    return descriptor;
  }

  /** The ids, in catalogue order. */
  public List<String> ids() {
    return new ArrayList<>(byId.keySet());
  }

  private static DatasetDescriptor ecg5000() {
    return new DatasetDescriptor(
        "ecg5000",
        "ECG5000 (UCR time series archive)",
        List.of(
            DataFile.of(
                "ECG5000_TRAIN.txt",
                1_128_500,
                "0d96aff193311a6dc6111bf0dbd2f7d2313987fbf7a1da4a383d92563876057b"),
            DataFile.of(
                "ECG5000_TEST.txt",
                10_156_500,
                "baf4ad57d28daa5e79050edd4185968181762bc83d45a757753015b4ba8ab295")),
        List.of(
            CanonicalSource.zip(
                "https://www.timeseriesclassification.com/aeon-toolkit/ECG5000.zip",
                "ECG5000_TRAIN.txt",
                "ECG5000_TEST.txt")),
        false,
        "");
  }

  private static DatasetDescriptor fashionMnist() {
    List<DataFile> files =
        List.of(
            new DataFile(
                "train-images-idx3-ubyte.gz",
                26_421_880,
                "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            new DataFile(
                "train-labels-idx1-ubyte.gz",
                29_515,
                "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                "25c81989df183df01b3e8a0aad5dffbe"),
            new DataFile(
                "t10k-images-idx3-ubyte.gz",
                4_422_102,
                "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                "bef4ecab320f06d8554ea6380940ec79"),
            new DataFile(
                "t10k-labels-idx1-ubyte.gz",
                5_148,
                "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                "bb300cfdad3c16e7a12a480ee83cd310"));
    List<CanonicalSource> sources = new ArrayList<>();
    for (DataFile file : files) {
      sources.add(CanonicalSource.file(file.name(), FASHION_S3 + file.name()));
      sources.add(CanonicalSource.file(file.name(), FASHION_GITHUB + file.name()));
    }
    return new DatasetDescriptor(
        "fashion-mnist", "Fashion-MNIST (Zalando Research)", files, sources, false, "");
  }

  private static DatasetDescriptor cifar10() {
    // Size and SHA-256 from TensorFlow Datasets' checksum list for this URL; the MD5 is the one
    // printed on the CIFAR-10 page.
    return new DatasetDescriptor(
        "cifar10",
        "CIFAR-10 (binary version)",
        List.of(
            new DataFile(
                "cifar-10-binary.tar.gz",
                170_052_171,
                "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
                "c32a1d4ab5d03f1284b67883e8d87530")),
        List.of(
            CanonicalSource.file(
                "cifar-10-binary.tar.gz",
                "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")),
        false,
        "");
  }

  private static DatasetDescriptor cifar10Jpeg() {
    return new DatasetDescriptor(
        "cifar10-jpeg",
        "CIFAR-10 as JPEG files (lossy mirror copy)",
        List.of(
            DataFile.of(
                "cifar10-jpeg.tar.gz",
                19_641_893,
                "00a78acaf3d7c27307ba029958650e48cba76f3704c03e4cd1dd6bf77963ed47")),
        List.of(),
        true,
        "CIFAR-10 re-encoded as JPEG at quality 75, in train|test/<class>/NNNN.jpg folders; the"
            + " pixels differ from the original and the original sample order is lost. It exists"
            + " only on mirrors. Label results on it as obtained on a lossy copy.");
  }
}
