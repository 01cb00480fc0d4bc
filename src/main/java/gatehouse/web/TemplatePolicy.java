package gatehouse.web;

import gg.jte.html.HtmlAttribute;
import gg.jte.html.HtmlPolicyException;
import gg.jte.html.HtmlTag;
import gg.jte.html.OwaspHtmlPolicy;
import gg.jte.html.policy.PreventInlineEventHandlers;

/**
 * Checked while templates are precompiled: the build fails on inline event handlers, {@code style}
 * attributes or {@code <style>} elements, which the Content-Security-Policy would block anyway.
 */
public class TemplatePolicy extends OwaspHtmlPolicy {
    public TemplatePolicy() {
        addPolicy(new PreventInlineEventHandlers());
        addPolicy(new PreventInlineStyles());
    }

    /** Styles belong in static/app.css. */
    static final class PreventInlineStyles implements gg.jte.html.HtmlPolicy {
        @Override
        public void validateHtmlTag(HtmlTag tag) throws HtmlPolicyException {
            if (tag.getName().equalsIgnoreCase("style")) {
                throw new HtmlPolicyException("<style> is not allowed; put styles in static/app.css");
            }
        }

        @Override
        public void validateHtmlAttribute(HtmlTag tag, HtmlAttribute attribute) throws HtmlPolicyException {
            if (attribute.getName().equalsIgnoreCase("style")) {
                throw new HtmlPolicyException("style attributes are not allowed; put styles in static/app.css");
            }
        }
    }
}
