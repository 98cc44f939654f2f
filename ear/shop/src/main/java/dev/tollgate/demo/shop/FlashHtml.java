package dev.tollgate.demo.shop;

/** A {@link Flash} as HTML: its headline and detail lines, escaped, in a box the page's style marks ok or failed. */
final class FlashHtml {

    private FlashHtml() {
    }

    /** @return "" for no flash */
    static String render(Flash flash, String id) {
        if (flash == null) {
            return "";
        }
        StringBuilder html = new StringBuilder(256);
        html.append("<div id=\"").append(id).append("\" class=\"").append(flash.ok() ? "ok" : "fail").append("\"><p>")
                .append(Html.escape(flash.headline())).append("</p>");
        if (!flash.details().isEmpty()) {
            html.append("<ul>");
            flash.details().forEach(line -> html.append("<li>").append(Html.escape(line)).append("</li>"));
            html.append("</ul>");
        }
        return html.append("</div>").toString();
    }
}
