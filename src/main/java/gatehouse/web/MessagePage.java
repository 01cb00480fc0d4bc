package gatehouse.web;

/** The one template for notices and errors: a title, a sentence, and a link onward. Texts are already translated. */
public record MessagePage(String title, String message, String linkHref, String linkLabel, boolean isError)
        implements Page {
    @Override
    public String template() {
        return "message.jte";
    }
}
