// Makes the bundled photographs from scikit-image's coffee.png (600x400, CC0 by Rachel
// Michetti, courtesy of Pikolo Espresso Bar; Debian: python3-skimage). Run from the project root:
//   jshell -R-Dsrc=/usr/lib/python3/dist-packages/skimage/data/coffee.png \
//          -R-Ddst=data-samples data-samples/tools/photos.jsh
import java.awt.*;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.*;
import javax.imageio.stream.*;

BufferedImage source = ImageIO.read(new File(System.getProperty("src")));
File dst = new File(System.getProperty("dst"));

// Scales the source to w x h (bicubic) and keeps the outW x outH window at (cropX, cropY).
BufferedImage resized(int w, int h, int cropX, int cropY, int outW, int outH) {
  BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
  Graphics2D g = out.createGraphics();
  g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
  g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
  g.drawImage(source, -cropX, -cropY, w, h, null);
  g.dispose();
  return out;
}

// 240x160: the whole photograph, small enough to segment in seconds.
ImageIO.write(resized(240, 160, 0, 0, 240, 160), "png", new File(dst, "coffee-240x160.png"));

// 512x512 (262,144 pixels): scaled to 768x512, the middle square, JPEG quality 0.9.
ImageWriter jpeg = ImageIO.getImageWritersByFormatName("jpeg").next();
ImageWriteParam quality = jpeg.getDefaultWriteParam();
quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
quality.setCompressionQuality(0.9f);
try (ImageOutputStream os = ImageIO.createImageOutputStream(new File(dst, "coffee-512x512.jpg"))) {
  jpeg.setOutput(os);
  jpeg.write(null, new IIOImage(resized(768, 512, 128, 0, 512, 512), null, null), quality);
}
jpeg.dispose();
/exit
