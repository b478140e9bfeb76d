package io.github.meanshift.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import org.knowm.xchart.style.markers.Marker;

/**
 * A large black X with a white halo, for cluster centres. XChart has one marker size per chart, so
 * this marker ignores the size it is given and keeps its own, larger one; it also ignores the
 * series colour.
 */
final class CentreMarker extends Marker {
  /** Half the length of a stroke of the X, in pixels. */
  static final double HALF_SIZE = 8;

  private static final Stroke HALO = new BasicStroke(6f, BasicStroke.CAP_ROUND, 0);
  private static final Stroke CROSS = new BasicStroke(3f, BasicStroke.CAP_ROUND, 0);

  @Override
  public void paint(Graphics2D g, double x, double y, int markerSize) {
    Stroke oldStroke = g.getStroke();
    Paint oldPaint = g.getPaint();
    Line2D down = new Line2D.Double(x - HALF_SIZE, y - HALF_SIZE, x + HALF_SIZE, y + HALF_SIZE);
    Line2D up = new Line2D.Double(x - HALF_SIZE, y + HALF_SIZE, x + HALF_SIZE, y - HALF_SIZE);
    g.setStroke(HALO);
    g.setColor(Color.WHITE);
    g.draw(down);
    g.draw(up);
    g.setStroke(CROSS);
    g.setColor(Color.BLACK);
    g.draw(down);
    g.draw(up);
    g.setStroke(oldStroke);
    g.setPaint(oldPaint);
  }
}
