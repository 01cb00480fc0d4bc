package gatehouse.web;

/**
 * The record a page template shows: each names its own template, so a controller renders a page, never a
 * template name ({@code pages.render(ctx, new MePage(…))}). The template declares {@code @param <record> page}.
 */
public interface Page {
    /** The template's path under {@code templates/}, such as {@code "me.jte"}. */
    String template();
}
