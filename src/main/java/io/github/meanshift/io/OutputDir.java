package io.github.meanshift.io;

import io.github.meanshift.common.BadInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * A result directory that appears only when complete. Everything is written into a hidden staging
 * directory beside the target ({@code .NAME.staging-UUID/result}); {@link #commit} renames it into
 * place, atomically on a local disk. A failed or killed run leaves no directory under the target's
 * name (at most the hidden staging directory of a killed driver, which a later run ignores).
 * Scratch data (checkpoints) go to {@link #work()}, which is deleted with the staging directory.
 */
public final class OutputDir implements AutoCloseable {
  /** How many times an overwriting commit moves a concurrent run's result aside before failing. */
  static final int MAX_REPLACE_ATTEMPTS = 10;

  private static final String LOCAL_SCHEME = "file";

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
        throw new BadInputException("output " + output + " cannot be the root directory");
      }
      if (fs.exists(parent) && !fs.getFileStatus(parent).isDirectory()) {
        throw new BadInputException("output parent " + parent + " is not a directory");
      }
      Path staging = new Path(parent, "." + target.getName() + ".staging-" + UUID.randomUUID());
      try {
        if (!fs.mkdirs(new Path(staging, "result"))) {
          throw new IOException("mkdirs returned false");
        }
      } catch (IOException e) {
        throw new BadInputException("cannot write output " + output + ": " + e.getMessage(), e);
      }
      OutputDir dir = new OutputDir(fs, target, staging, overwrite);
      Runtime.getRuntime().addShutdownHook(dir.cleanup);
      return dir;
    } catch (IOException e) {
      throw new BadInputException("cannot access output " + output + ": " + e.getMessage(), e);
    }
  }

  private static void checkTarget(FileSystem fs, Path target, boolean overwrite)
      throws IOException {
    if (fs.exists(target) && !overwrite) {
      throw new BadInputException(
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
   * Moves the result into place; never merges into, deletes or partly replaces a directory that
   * another run committed.
   *
   * <p>Without overwrite, if the target exists (another run created it since {@link #create}), this
   * throws {@link FileAlreadyExistsException} and leaves that run's result untouched; the rename
   * itself refuses an existing target (a rename(2) on a local disk, a no-replace rename through
   * Hadoop's {@code FileContext} on HDFS), so of two runs committing at once exactly one wins.
   *
   * <p>With overwrite, an existing target is first renamed into this run's staging directory (and
   * deleted with it), then the result is renamed into place; if another run's result appeared in
   * between, that one is moved aside the same way and the rename is retried. Concurrent overwriting
   * runs therefore all succeed, one after the other, and the target ends up holding the complete
   * result of the run that committed last: never a partial or mixed directory, though for an
   * instant between the two renames it does not exist.
   *
   * @throws FileAlreadyExistsException without overwrite, if the target exists
   */
  public void commit() throws IOException {
    fs.delete(work(), true);
    if (!overwrite) {
      if (fs.exists(target) || !moveNoReplace(result(), target)) {
        throw createdMeanwhile();
      }
    } else {
      replaceTarget();
    }
    committed = true;
    fs.delete(staging, true);
  }

  private void replaceTarget() throws IOException {
    for (int attempt = 1; ; attempt++) {
      if (fs.exists(target)) {
        // Moved aside, not deleted in place: a recursive delete is not atomic, and a run killed
        // half-way through it would leave a partial directory under the target's name.
        try {
          moveNoReplace(target, new Path(staging, "replaced-" + attempt));
        } catch (NoSuchFileException | FileNotFoundException e) {
          // another overwriting run moved it aside first
        }
      }
      if (moveNoReplace(result(), target)) {
        return;
      }
      if (attempt == MAX_REPLACE_ATTEMPTS) {
        throw new IOException(
            "could not replace output "
                + target
                + ": other runs kept committing to it ("
                + attempt
                + " attempts)");
      }
    }
  }

  private FileAlreadyExistsException createdMeanwhile() {
    return new FileAlreadyExistsException(
        null,
        null,
        "output "
            + target
            + " already exists: another run created it while this one ran; this run's result"
            + " was discarded (use --overwrite to replace it)");
  }

  /**
   * Renames {@code src} to {@code dst} unless {@code dst} exists: returns false, and leaves both
   * alone, if it does (or appears meanwhile); throws if {@code src} is missing or the rename fails
   * otherwise.
   */
  boolean moveNoReplace(Path src, Path dst) throws IOException {
    if (LOCAL_SCHEME.equals(fs.getUri().getScheme())) {
      return moveLocal(Paths.get(src.toUri()), Paths.get(dst.toUri()));
    }
    FileContext fc;
    try {
      fc = FileContext.getFileContext(fs.getUri(), fs.getConf());
    } catch (UnsupportedFileSystemException e) {
      // No FileContext binding for this store: check, then rename (not atomic). FileSystem.rename
      // would move src into an existing directory, so refuse an existing dst first.
      return !fs.exists(dst) && renameChecked(src, dst);
    }
    try {
      fc.rename(src, dst, Options.Rename.NONE);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  private boolean renameChecked(Path src, Path dst) throws IOException {
    if (!fs.rename(src, dst)) {
      throw new IOException("could not rename " + src + " to " + dst);
    }
    return true;
  }

  /**
   * A local rename that never replaces: a file is hard-linked to its new name (link(2) fails on an
   * existing name) and its old name removed; a directory is renamed with rename(2), which fails on
   * an existing non-empty directory or file (an empty directory would be replaced: no result
   * directory is ever empty).
   */
  private static boolean moveLocal(java.nio.file.Path src, java.nio.file.Path dst)
      throws IOException {
    if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createLink(dst, src);
        Files.delete(src);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | FileSystemException e) {
        // no hard links here: fall through to the rename
        if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS)) {
          return false;
        }
      }
    }
    try {
      Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (AtomicMoveNotSupportedException e) {
      try {
        Files.move(src, dst); // without REPLACE_EXISTING: fails on an existing target
        return true;
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException x) {
        return false;
      }
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      return false;
    } catch (FileSystemException e) {
      // ENOTEMPTY and ENOTDIR from rename(2) arrive as plain FileSystemExceptions. The target
      // that refused the rename may be gone already (a racing overwrite moved it aside), so the
      // errno's text counts as much as what is there now.
      if (Files.exists(src)
          && (Files.exists(dst, LinkOption.NOFOLLOW_LINKS) || targetInTheWay(e))) {
        return false;
      }
      throw e;
    }
  }

  /** Whether a failed rename says its target existed (ENOTEMPTY, EEXIST, ENOTDIR). */
  private static boolean targetInTheWay(FileSystemException e) {
    String reason = e.getReason() == null ? "" : e.getReason().toLowerCase(java.util.Locale.ROOT);
    return reason.contains("not empty")
        || reason.contains("file exists")
        || reason.contains("not a directory");
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
      if (LOCAL_SCHEME.equals(fs.getUri().getScheme())) {
        org.apache.commons.io.FileUtils.deleteQuietly(new java.io.File(staging.toUri()));
      } else {
        fs.delete(staging, true);
      }
    } catch (IOException | RuntimeException e) {
      // the JVM is going down; a leftover hidden staging directory is harmless
    }
  }
}
