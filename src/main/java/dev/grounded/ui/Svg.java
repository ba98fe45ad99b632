package dev.grounded.ui;

import com.vaadin.flow.component.Html;

/** Text inside the console's server-rendered SVG charts. */
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

    /** Escapes text for an SVG text node or a single-quoted attribute: names in charts come from users. */
    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;");
    }
}
