"""Name normalisation for territory search: 'München, Landeshauptstadt' and 'Muenchen' meet."""

import re
import unicodedata

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def short_name(official_name: str) -> str:
    """Drop the Destatis suffix after the first comma: 'Aichach, St' -> 'Aichach'."""
    return official_name.split(",", 1)[0].strip()


def normalize(text: str) -> str:
    """Lower-case, transliterate umlauts (ü -> ue), strip other accents and punctuation."""
    lowered = text.lower().translate(_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", lowered)
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_ALNUM.sub(" ", ascii_only).strip()
