"""Links to addresses from stored data (docs/adr/0018-bad-input.md).

Every href that comes from a database field goes through here. Only http, https, mailto or a path on this site
become a link; anything else (`javascript:`, `data:`, an address stored before the validator existed) does not:
`web_link` then shows its text (by default the address) without a link, and `web_url` gives "".
"""

from django import template
from django.utils.html import conditional_escape, format_html

from smartregion.core.weburl import safe_href

register = template.Library()


@register.filter
def web_url(value) -> str:
    return safe_href(value)


@register.simple_tag
def web_link(url, text=None, rel="noopener"):
    """`<a class="kern-link" href="url" rel="…">text</a>`; `text` defaults to the address itself."""
    label = url if text is None else text
    href = safe_href(url)
    if not href:
        return conditional_escape(label or "")
    return format_html('<a class="kern-link" href="{}" rel="{}">{}</a>', href, rel, label)
