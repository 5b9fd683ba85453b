"""Forms of the site's own pages (not of a domain app)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["name", "email", "page", "message"]
        labels = {
            "name": _("Ihr Name"),
            "email": _("Ihre E-Mail-Adresse"),
            "page": _("Seite oder Inhalt, um den es geht"),
            "message": _("Ihre Nachricht"),
        }
        help_texts = {
            "email": _("Wir antworten Ihnen an diese Adresse, spätestens nach einem Monat."),
            "page": _("Zum Beispiel die Adresse der Seite oder der Name des Dokuments."),
            "message": _("Beschreiben Sie die Barriere oder sagen Sie, welche Inhalte Sie barrierefrei brauchen."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) > 5000:
            raise forms.ValidationError(_("Bitte fassen Sie sich kürzer (höchstens 5000 Zeichen)."))
        return message
