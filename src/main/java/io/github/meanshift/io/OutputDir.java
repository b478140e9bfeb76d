package io.github.meanshift.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A result directory that appears only when complete. Everything is written into a hidden staging
 * directory beside the target ({@code .NAME.staging-UUID/result}); {@link #commit} renames it into
 * place, atomically on a local disk. A failed or killed run leaves no directory under the target's
 * name (at most the hidden staging directory of a killed driver, which a later run ignores).
 * Scratch data (checkpoints) go to {@link #work()}, which is deleted with the staging directory.
 */
public final class OutputDir implements AutoCloseable {
  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean committed;
  private final Thread cleanup = new Thread(this::deleteStagingQuietly, "output-staging-cleanup");

  private OutputDir(FileSystem fs, Path target, Path staging, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  /**
   * Checks that {@code output} may be written (it must not exist unless {@code overwrite}) and
   * creates its staging directory.
   *
   * @throws IllegalArgumentException if the target exists without overwrite, or its parent cannot
   *     be written
   */
  public static OutputDir create(String output, boolean overwrite, Configuration conf) {
    try {
      Path target = new Path(output);
      FileSystem fs = target.getFileSystem(conf);
      if (fs instanceof LocalFileSystem) {
        fs = ((LocalFileSystem) fs).getRawFileSystem(); // no .crc files beside the results
      }
      target = fs.makeQualified(target);
      checkTarget(fs, target, overwrite);
      Path parent = target.getParent();
      if (parent == null) {
        throw new IllegalArgumentException("output " + output + " cannot be the root directory");
      }
      if (fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
        throw new IllegalArgumentException("output parent " + parent + " is not a directory");
      }
      Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
      try {
        if (!fs.mkdirs(new Path(staging, "result"))) {
          throw new IOException("mkdirs returned false");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot write output " + output + ": " + e.getMessage(), e);
      }
      OutputDir dir = new OutputDir(fs, target, staging, overwrite);
      Runtime.getRuntime().addShutdownHook(dir.cleanup);
      return dir;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot access output " + output + ": " + e.getMessage(), e);
    }
  }

  private static void checkTarget(FileSystem fs, Path target, boolean overwrite)
      throws IOException {
    if (fs.exists(target) && !overwrite) {
      throw new IllegalArgumentException(
          "output " + target + " already exists (use --overwrite to replace it)");
    }
  }

  /** The final location. */
  public Path target() {
    return target;
  }

  /** The directory that becomes the result. */
  public Path result() {
    return new Path(staging, "result");
  }

  /** A path inside the result directory. */
  public Path result(String name) {
    return new Path(result(), name);
  }

  /** Scratch space, deleted when this closes. */
  public Path work() {
    return new Path(staging, "work");
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** Opens {@code name} in the result directory for writing. */
  public OutputStream create(String name) throws IOException {
    return fs.create(result(name), true);
  }

  /**
   * Moves the result into place. With overwrite, an existing target is removed first. If another
   * run created the target meanwhile, this fails and leaves the other run's result untouched.
   */
  public void commit() throws IOException {
    fs.delete(work(), true);
    if (fs.exists(target)) {
      if (!overwrite) {
        throw new FileAlreadyExistsException(
            target.toString(), null, "another run created it meanwhile");
      }
      fs.delete(target, true);
    }
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path src = Paths.get(result().toUri());
      java.nio.file.Path dst = Paths.get(target.toUri());
      try {
        Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(src, dst);
      }
    } else if (!fs.rename(result(), target)) {
      throw new IOException("could not rename " + result() + " to " + target);
    }
    committed = true;
    fs.delete(staging, true);
  }

  public boolean committed() {
    return committed;
  }

  /** Deletes the staging directory (and with it any uncommitted result). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteStagingQuietly() {
    try {
      if ("file".equals(fs.getUri().getScheme())) {
        org.apache.commons.io.FileUtils.deleteQuietly(new java.io.File(staging.toUri()));
      } else {
        fs.delete(staging, true);
      }
    } catch (IOException | RuntimeException e) {
      // the JVM is going down; a leftover hidden staging directory is harmless
    }
  }
}
