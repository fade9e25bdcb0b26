"""Bytes to clean text: the one place that guesses encodings.

Web and archive text arrives as UTF-8, as Windows-1252 with curly quotes in bytes 0x93/0x94, as
Latin-1, or with a few broken bytes from a bad copy. Losing an article over a few bytes costs more
than a few replacement characters, so decoding never fails on text: UTF-8 first, with replacement
when the file is mostly valid UTF-8 (it is the norm, and almost never decodes other text by
accident), then charset_normalizer's guess (cp1252 on a tie), then cp1252 with replacement. Only
bytes that are plainly not text (a binary file) give None.
"""

from __future__ import annotations

import re

import charset_normalizer

# A real article with a few bad bytes stays far below this share of control or replacement
# characters (bbc.jsonl: 0.0%); random bytes, like compressed or image files, decode near 14%.
# Set between the two by hand; a lower value rejected short snippets with one stray NUL.
MAX_JUNK_SHARE = 0.10

_LINE_BREAKS = re.compile(r"\r\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


def decode_bytes(data: bytes) -> str | None:
    """Decode `data` to cleaned text (see `clean_text`), or None if it does not look like text."""
    text = _decode(data)
    if _junk_share(text) > MAX_JUNK_SHARE:
        return None
    return clean_text(text)


def clean_text(text: str) -> str:
    """Normalise line breaks to "\\n" and drop control characters other than "\\n" and "\\t".

    NUL and other C0/C1 controls are invisible noise from broken exports; they would shift no
    offset we care about but break tokenisers and JSON consumers downstream.
    """
    text = _LINE_BREAKS.sub("\n", text)
    return _CONTROL.sub("", text)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        lenient = data.decode("utf-8-sig", errors="replace")
    if _mostly_utf8(lenient):
        return lenient
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return data.decode("cp1252", errors="replace")
    if any(_ties_as_cp1252(match, best) for match in matches):
        return data.decode("cp1252", errors="replace")
    return str(best)


def _mostly_utf8(lenient: str) -> bool:
    """Whether lenient UTF-8 decoding is right for a text that is not valid UTF-8.

    A file whose valid non-ASCII UTF-8 characters outnumber its invalid bytes is UTF-8 with some
    damage: decoding it another way would garble every “ ” and é to keep a few bad bytes. A
    cp1252 or Latin-1 file almost never holds a valid multi-byte UTF-8 sequence, so it fails here.
    """
    bad = lenient.count("\ufffd")
    good = sum(1 for char in lenient if ord(char) > 127) - bad
    return good > bad


def _ties_as_cp1252(
    match: charset_normalizer.CharsetMatch, best: charset_normalizer.CharsetMatch
) -> bool:
    """Whether cp1252 reads `match`'s bytes as well as the best guess does.

    On short texts charset_normalizer often scores cp1250, cp1251 and cp1252 the same and
    breaks the tie by name, turning "naïve" into "naďve" and “quotes” into Cyrillic; English
    news in a legacy 8-bit encoding is nearly always cp1252, so it wins every tie.
    """
    return (
        "cp1252" in match.could_be_from_charset
        and match.chaos <= best.chaos
        and match.coherence >= best.coherence
    )


def _junk_share(text: str) -> float:
    return len(_JUNK.findall(text)) / len(text) if text else 0.0
