"""Template helpers that render Django form fields with KERN UX classes and ARIA wiring."""

from django import forms, template
from django.forms.boundfield import BoundWidget
from django.urls import translate_url
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def is_select(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.Select)


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_group(bound_field) -> bool:
    """Radio buttons or checkboxes, one per choice: a fieldset with a legend, not a labelled text field."""
    return isinstance(bound_field.field.widget, forms.RadioSelect)  # CheckboxSelectMultiple is one too


@register.filter
def described_by(bound_field) -> str:
    """The ids of the hint and the error text, for aria-describedby."""
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)


@register.filter
def kern_widget(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect):
        return _choice_group(bound_field)
    if isinstance(widget, forms.Select):
        css_class = "kern-form-input__select"
    elif isinstance(widget, forms.CheckboxInput):
        css_class = "kern-form-check__checkbox"
    else:
        css_class = "kern-form-input__input"
    attrs = {"class": css_class}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    if described := described_by(bound_field):
        attrs["aria-describedby"] = described
    return bound_field.as_widget(attrs=attrs)


def _choice_group(bound_field):
    """Each choice as KERN's check row: the 32 px box (radio or checkbox) and its own label. The group's
    name belongs in a legend (includes/form_fields.html); the text field's class would draw every box as a
    full-width input over the fields below."""
    widget = bound_field.field.widget
    kind = "radio" if widget.input_type == "radio" else "checkbox"
    css_class = f"kern-form-check__{kind}" + (f" kern-form-check__{kind}--error" if bound_field.errors else "")
    element_id = widget.attrs.get("id") or bound_field.auto_id
    attrs = bound_field.build_widget_attrs({"id": element_id} if element_id else {})
    attrs["class"] = css_class
    rows = []
    for option in widget.subwidgets(bound_field.html_name, bound_field.value(), attrs=attrs):
        choice = BoundWidget(widget, option, bound_field.form.renderer)
        rows.append(
            format_html(
                '<div class="kern-form-check">{}<label class="kern-label" for="{}">{}</label></div>',
                choice.tag(wrap_label=False),
                choice.id_for_label,
                choice.choice_label,
            )
        )
    return format_html_join("", "{}", ((row,) for row in rows))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for sort links and pagination)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    """This page in another language (the address with or without /en/), query string kept.

    A plain link instead of a POST to set_language: the language is in the address, every page
    stays free of per-visitor tokens (so it can be cached for visitors), and it works without forms.
    """
    return translate_url(context["request"].get_full_path(), code)
