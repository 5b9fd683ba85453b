"""Form widgets at their class: choice groups drawn as KERN check rows, typed inputs with values the browser reads.

The browser form check (tests/e2e/test_forms_in_browser.py) finds the same on real pages; these run without a
browser and also see forms whose page shows no value in that field.
"""

import importlib
import pkgutil
from datetime import date, datetime, time

from django import forms
from django.template.loader import render_to_string
from django.utils import translation

import smartregion
from smartregion.core.templatetags.kern import kern_widget


class _Sample(forms.Form):
    fields_of_work = forms.MultipleChoiceField(
        label="Handlungsfelder",
        choices=[("a", "Verwaltung"), ("b", "Mobilität")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Eins oder mehrere.",
    )
    level = forms.ChoiceField(label="Stufe", choices=[("1", "eins"), ("2", "zwei")], widget=forms.RadioSelect)
    title = forms.CharField(label="Titel")


def test_a_choice_group_is_a_fieldset_of_check_rows_with_a_label_each():
    html = render_to_string("includes/form_fields.html", {"form": _Sample(initial={"fields_of_work": ["b"]})})
    assert html.count('<fieldset class="kern-fieldset" aria-describedby="id_fields_of_work_hint">') == 1
    assert '<legend class="kern-label">Handlungsfelder <span class="kern-label__optional">' in html
    assert (
        '<div class="kern-form-check"><input type="checkbox" name="fields_of_work" value="b" '
        'id="id_fields_of_work_1" class="kern-form-check__checkbox" checked>'
        '<label class="kern-label" for="id_fields_of_work_1">Mobilität</label></div>'
    ) in html
    assert 'id="id_level_0" required class="kern-form-check__radio">' in html
    assert 'for=""' not in html
    assert html.count("kern-form-input__input") == 1  # only the text field


def test_a_choice_group_with_errors_marks_its_boxes():
    form = _Sample(data={"level": "9", "title": "x"})
    assert not form.is_valid()
    assert str(kern_widget(form["level"])).count('class="kern-form-check__radio kern-form-check__radio--error"') == 2


def _project_forms():
    for module in pkgutil.walk_packages(smartregion.__path__, "smartregion."):
        if module.name.rsplit(".", 1)[-1].endswith("forms"):
            importlib.import_module(module.name)
    pending, found = list(forms.BaseForm.__subclasses__()), []
    while pending:
        form_class = pending.pop()
        pending += form_class.__subclasses__()
        if form_class.__module__.startswith("smartregion."):
            found.append(form_class)
    return found


SAMPLES = {
    "date": (date(2021, 8, 1), "2021-08-01"),
    "datetime-local": (datetime(2021, 8, 1, 9, 30), "2021-08-01T09:30"),
    "time": (time(9, 30), "09:30"),
}


def test_every_typed_date_or_time_input_shows_the_value_the_browser_reads():
    """A browser's date field shows nothing for 01.08.2021 and sends it back empty: the value must be ISO."""
    checked, wrong = 0, []
    with translation.override("de"):
        for form_class in _project_forms():
            for name, field in form_class.base_fields.items():
                widget = field.widget
                kind = getattr(widget, "input_type", None)
                if kind in SAMPLES:
                    checked += 1
                    value, expected = SAMPLES[kind]
                    if widget.format_value(value) != expected:
                        wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
                if kind == "number" and (field.localize or widget.is_localized):
                    wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name} (localised number)")
    assert wrong == []
    assert checked >= 15
