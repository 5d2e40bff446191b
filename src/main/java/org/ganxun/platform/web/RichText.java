package org.ganxun.platform.web;

import org.owasp.html.Encoding;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The one place stored text is cleaned of markup (OWASP Java HTML Sanitizer, allow-list). A survey element of
 * SurveyJS type {@code html} once carried {@code <img onerror=…>} that ran as the system administrator who
 * opened it. {@link #html} keeps formatting, lists, tables and http(s)/mailto links and drops everything
 * else (scripts, event handlers, styles that load anything, frames, forms, images); {@link #text} keeps only
 * the text, for fields that are shown as text but might end up in HTML (titles and descriptions of a survey).
 */
public final class RichText {

    private static final PolicyFactory HTML = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "div", "span", "b", "strong", "i", "em", "u", "s", "del", "ins", "sub", "sup",
                    "small", "mark", "blockquote", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                    "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a")
            .allowAttributes("colspan", "rowspan").onElements("th", "td")
            .allowAttributes("align").onElements("p", "div", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title").onElements("a")
            .requireRelNofollowOnLinks()
            .allowStyling()
            .toFactory();

    private static final PolicyFactory NONE = new HtmlPolicyBuilder().toFactory();

    private RichText() {
    }

    /** HTML safe to render as HTML: allowed markup kept, everything else removed. */
    public static String html(String untrusted) {
        return untrusted == null ? null : HTML.sanitize(untrusted);
    }

    /** The text of possibly marked-up input, markup removed (a script's content too), entities decoded. */
    public static String text(String untrusted) {
        if (untrusted == null || untrusted.indexOf('<') < 0 && untrusted.indexOf('&') < 0) {
            return untrusted;
        }
        return Encoding.decodeHtml(NONE.sanitize(untrusted));
    }
}
