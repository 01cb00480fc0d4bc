package gatehouse.secondfactor;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code as SVG path data, drawn by ZXing's encoder: inline {@code <svg>} markup needs no image route,
 * no data: URL and no style attribute, so the strict Content-Security-Policy holds.
 *
 * @param size modules per side, quiet zone included (the SVG viewBox)
 * @param path one {@code M x y h1 v1 h-1 z} run per row of dark modules
 */
public record QrCode(int size, String path) {
    private static final int QUIET_ZONE = 4;

    public static QrCode of(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, QUIET_ZONE, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalStateException("a TOTP URI always fits a QR code", e);
        }
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < matrix.getWidth() && matrix.get(x, y)) {
                    x++;
                }
                int run = x - start;
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return new QrCode(matrix.getWidth(), path.toString());
    }
}
