package gatehouse.secondfactor;

import gatehouse.web.Page;
import java.util.List;
import java.util.Map;

/**
 * The second-factor settings: whether it is on; when off, the enrolment (secret as text and QR code);
 * when just turned on or renewed, the recovery codes, shown this once; translated field errors and a notice.
 *
 * @param forAdmin the member was sent here because administrator pages need a second factor
 */
public record SecondFactorPage(boolean on, boolean forAdmin, SecondFactors.Enrolment enrolment, QrCode qr,
                               int unusedRecoveryCodes, List<String> recoveryCodes, Map<String, String> errors,
                               String notice) implements Page {
    @Override
    public String template() {
        return "secondFactor.jte";
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }
}
