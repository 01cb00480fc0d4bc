package gatehouse.secondfactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SVG path, drawn back as pixels, is a QR code that a reader decodes to the otpauth URI. */
class QrCodeTest {
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z");
    private static final int SCALE = 4;

    /** Many secrets, since each one draws a different code (one in a few hundred failed to decode before). */
    @Test
    void the_drawn_code_decodes_to_the_uri() throws Exception {
        for (int i = 0; i < 300; i++) {
            decodesBack(Totp.uri(SecondFactors.ISSUER, "alice", Totp.newSecret()));
        }
    }

    private static void decodesBack(String uri) throws Exception {
        QrCode qr = QrCode.of(uri);
        int side = qr.size() * SCALE;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher run = RUN.matcher(qr.path());
        int drawn = 0;
        while (run.find()) {
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int px = x * SCALE; px < (x + length) * SCALE; px++) {
                for (int py = y * SCALE; py < (y + 1) * SCALE; py++) {
                    pixels[py * side + px] = 0;
                }
            }
            drawn += run.group().length();
        }
        assertEquals(qr.path().length(), drawn, "the path is made of runs only");
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        // A pure code, drawn square and straight: read it as such rather than searching the picture for finder patterns.
        assertEquals(uri, new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true)).getText());
    }
}
