package org.delvm.benchmark.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Reads images laid out as {@code <split>/<class>/<file>.jpg|.jpeg|.png}, from a folder or straight
 * from a {@code .tar.gz} / {@code .tgz} with that layout (like the mirror's {@code
 * cifar10-jpeg.tar.gz}). Images are decoded with {@link ImageIO} into RGB, CHW floats in [0, 1];
 * all must have the same size. Other files are ignored.
 *
 * <p>Images come out sorted by class folder name, then file name, whatever the order on disk or in
 * the archive, so two runs see the same order.
 */
public final class ImageFolderReader {

  private ImageFolderReader() {}

  /** Reads one split; class index = position of the folder name among the sorted class folders. */
  public static LabelledImages read(Path source, String split) throws IOException {
    return read(source, split, null);
  }

  /**
   * Reads one split; class index = position of the folder name in {@code classNames} (e.g. {@link
   * Cifar10BinaryReader#CLASS_NAMES}), or among the sorted folder names when null.
   *
   * @throws DatasetException for a class folder not in {@code classNames}, an undecodable image,
   *     images of different sizes, or a split without images
   */
  public static LabelledImages read(Path source, String split, List<String> classNames)
      throws IOException {
    List<EncodedImage> files = isTarGz(source) ? listTar(source, split) : listFolder(source, split);
    if (files.isEmpty()) {
      throw new DatasetException("No images in " + source + " under " + split + "/<class>/");
    }
    files.sort(Comparator.comparing(EncodedImage::className).thenComparing(EncodedImage::fileName));
    List<String> classes = classNames;
    if (classes == null) {
      classes =
          new ArrayList<>(new TreeSet<>(files.stream().map(EncodedImage::className).toList()));
    }
    float[][] pixels = new float[files.size()][];
    int[] labels = new int[files.size()];
    int height = -1;
    int width = -1;
    for (int i = 0; i < files.size(); i++) {
      EncodedImage file = files.get(i);
      labels[i] = classes.indexOf(file.className());
      if (labels[i] < 0) {
        throw new DatasetException(
            source + ": class folder '" + file.className() + "' is not one of " + classes);
      }
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.bytes()));
      if (image == null) {
        throw new DatasetException(source + ": " + file.path() + " is not a decodable image");
      }
      if (height < 0) {
        height = image.getHeight();
        width = image.getWidth();
      } else if (image.getHeight() != height || image.getWidth() != width) {
        throw new DatasetException(
            String.format(
                "%s: %s is %dx%d, the images before it %dx%d (width x height)",
                source, file.path(), image.getWidth(), image.getHeight(), width, height));
      }
      pixels[i] = toChw(image);
    }
    return new LabelledImages(pixels, labels, 3, height, width, source + " " + split);
  }

  /** RGB planes, each row by row; {@link BufferedImage#getRGB} converts any colour model. */
  private static float[] toChw(BufferedImage image) {
    int height = image.getHeight();
    int width = image.getWidth();
    int plane = height * width;
    float[] values = new float[3 * plane];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        int p = y * width + x;
        values[p] = ((rgb >> 16) & 0xff) / 255f;
        values[plane + p] = ((rgb >> 8) & 0xff) / 255f;
        values[2 * plane + p] = (rgb & 0xff) / 255f;
      }
    }
    return values;
  }

  private static List<EncodedImage> listFolder(Path root, String split) throws IOException {
    Path splitFolder = root.resolve(split);
    if (!Files.isDirectory(splitFolder)) {
      throw new DatasetException("No folder " + splitFolder);
    }
    List<EncodedImage> files = new ArrayList<>();
    try (DirectoryStream<Path> classFolders = Files.newDirectoryStream(splitFolder)) {
      for (Path classFolder : classFolders) {
        if (!Files.isDirectory(classFolder)) {
          continue;
        }
        try (DirectoryStream<Path> images = Files.newDirectoryStream(classFolder)) {
          for (Path image : images) {
            if (Files.isRegularFile(image) && isImage(image.getFileName().toString())) {
              files.add(
                  new EncodedImage(
                      split + "/" + classFolder.getFileName() + "/" + image.getFileName(),
                      classFolder.getFileName().toString(),
                      image.getFileName().toString(),
                      Files.readAllBytes(image)));
            }
          }
        }
      }
    }
    return files;
  }

  private static List<EncodedImage> listTar(Path tarGz, String split) throws IOException {
    List<EncodedImage> files = new ArrayList<>();
    try (TarReader tar = TarReader.openGzip(tarGz)) {
      for (TarReader.Entry entry; (entry = tar.next()) != null; ) {
        String name = entry.name().startsWith("./") ? entry.name().substring(2) : entry.name();
        String[] parts = name.split("/");
        if (entry.regularFile()
            && parts.length == 3
            && parts[0].equals(split)
            && isImage(parts[2])) {
          files.add(new EncodedImage(name, parts[1], parts[2], tar.readContent()));
        }
      }
    }
    return files;
  }

  private static boolean isTarGz(Path source) {
    String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(source) && (name.endsWith(".tar.gz") || name.endsWith(".tgz"));
  }

  private static boolean isImage(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
  }

  /** An image file's bytes, not yet decoded, and where it was found. */
  private record EncodedImage(String path, String className, String fileName, byte[] bytes) {}
}
