package dev.grounded.ui.evaluation;

import com.vaadin.flow.component.Html;

/**
 * The console's server-rendered SVG charts. Names in them come from users: they are escaped with Spring's
 * {@code HtmlUtils.htmlEscape}, which covers text nodes and quoted attributes alike.
 */
final class Svg {

    private Svg() {}

    /**
     * An {@code <svg>} element as a component. It is wrapped: {@link Html} sets its root element's attributes
     * through the server, in lower case, and SVG ignores a {@code viewbox} (so the chart would neither scale nor
     * show what lies outside 300×150 px); inside the root, the browser parses the markup and keeps {@code viewBox}.
     */
    static Html chart(String svg) {
        return new Html("<div class='chart'>" + svg + "</div>");
    }
}
