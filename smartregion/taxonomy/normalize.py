import re
import unicodedata

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_keyword(label: str) -> str:
    """'LoRaWAN', 'lorawan' and 'LoRa-WAN' are one keyword: 'lorawan'."""
    lowered = label.strip().lower().translate(_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", lowered)
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ALNUM.sub("", ascii_only)[:80]


def normalize_label(label: str) -> str:
    """For matching a Handlungsfeld by its German name despite spacing around '/' or '&'."""
    return normalize_keyword(label.replace("&", "und"))
