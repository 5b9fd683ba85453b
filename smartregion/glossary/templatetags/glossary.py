from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from smartregion.glossary.queries import link_terms

register = template.Library()


@register.filter
def glossary_links(text):
    """Escape a plain text, link glossary terms (first mention each) and keep its paragraphs."""
    # link_terms escapes every piece of the text; linebreaks only adds <p> and <br>.
    return mark_safe(linebreaks(link_terms(text), autoescape=False))  # noqa: S308
