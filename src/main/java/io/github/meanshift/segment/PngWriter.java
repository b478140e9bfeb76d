package io.github.meanshift.segment;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an RGB PNG row by row, so a picture larger than memory can be written from its tiles one
 * band at a time (ImageIO needs the whole picture). 8 bits a channel, no filtering, fast deflate.
 */
public final class PngWriter implements Closeable {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** Compressed bytes per IDAT chunk. */
  private static final int CHUNK = 1 << 16;

  private final OutputStream out;
  private final int width;
  private final int height;
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
  private final byte[] row;
  private final byte[] buffer = new byte[CHUNK];
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private int rows;

  /** Writes the header; {@link #close} writes the end and closes {@code out}. */
  public PngWriter(OutputStream out, int width, int height) throws IOException {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "a PNG needs at least 1x1 pixels, got " + width + "x" + height);
    }
    this.out = out;
    this.width = width;
    this.height = height;
    this.row = new byte[1 + 3 * width];
    out.write(SIGNATURE);
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    writeInt(ihdr, width);
    writeInt(ihdr, height);
    ihdr.write(new byte[] {8, 2, 0, 0, 0});
    chunk("IHDR", ihdr.toByteArray(), ihdr.size());
  }

  /** Appends one row: {@code width} packed RGB values from {@code rgb[offset]}. */
  public void row(int[] rgb, int offset) throws IOException {
    if (rows == height) {
      throw new IllegalStateException("all " + height + " rows are written");
    }
    row[0] = 0;
    for (int x = 0; x < width; x++) {
      int c = rgb[offset + x];
      row[1 + 3 * x] = (byte) (c >> 16);
      row[2 + 3 * x] = (byte) (c >> 8);
      row[3 + 3 * x] = (byte) c;
    }
    deflater.setInput(row);
    while (!deflater.needsInput()) {
      drain(deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
    }
    rows++;
  }

  @Override
  public void close() throws IOException {
    try {
      if (rows != height) {
        throw new IllegalStateException(rows + " of " + height + " rows written");
      }
      deflater.finish();
      while (!deflater.finished()) {
        drain(deflater.deflate(buffer, 0, buffer.length));
      }
      if (pending.size() > 0) {
        chunk("IDAT", pending.toByteArray(), pending.size());
      }
      chunk("IEND", new byte[0], 0);
    } finally {
      deflater.end();
      out.close();
    }
  }

  private void drain(int n) throws IOException {
    pending.write(buffer, 0, n);
    if (pending.size() >= CHUNK) {
      chunk("IDAT", pending.toByteArray(), pending.size());
      pending.reset();
    }
  }

  private void chunk(String type, byte[] data, int length) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream b = new ByteArrayOutputStream(length + 12);
    writeInt(b, length);
    b.write(t);
    b.write(data, 0, length);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data, 0, length);
    writeInt(b, (int) crc.getValue());
    b.writeTo(out);
  }

  private static void writeInt(ByteArrayOutputStream b, int v) {
    b.write(v >>> 24);
    b.write(v >>> 16);
    b.write(v >>> 8);
    b.write(v);
  }
}
