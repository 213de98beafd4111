"""Highlighted snippets, computed the same way for every engine.

A word is marked when its stem is one the query looked for, so "pelayanan" in the text is
marked for the query "layanan". Output is HTML-escaped text with ``<mark>`` around matches,
safe to render with ``|safe``.
"""
import re

from django.utils.html import escape

from .analysis import normalize, stem

WORD_RE = re.compile(r"\w+", re.UNICODE)


def _is_match(word, stems):
    token = normalize(word)
    return token in stems or (not token.isdigit() and stem(token) in stems)


def highlight(text: str, stems: set[str], window: int = 0) -> str:
    """Mark matching words; with ``window`` > 0 cut to about that many words around the first match.

    Returns "" when ``window`` is set and nothing matches (no snippet is better than a random one).
    """
    text = text or ""
    words = list(WORD_RE.finditer(text))
    if window:
        # only the words up to the first match and the window after it need checking
        first = next((i for i, m in enumerate(words) if _is_match(m.group(), stems)), None)
        if first is None:
            return ""
        start_word = max(0, first - window // 4)
        end_word = min(len(words), start_word + window)
        start = words[start_word].start()
        end = words[end_word - 1].end()
        prefix = "… " if start_word > 0 else ""
        suffix = " …" if end_word < len(words) else ""
        matches = [words[first]] + [m for m in words[first + 1:end_word] if _is_match(m.group(), stems)]
    else:
        matches = [m for m in words if _is_match(m.group(), stems)]
        start, end, prefix, suffix = 0, len(text), "", ""
    pieces, cursor = [], start
    for match in matches:
        pieces.append(escape(text[cursor:match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    return prefix + "".join(pieces) + suffix


def highlights_for(document: dict, stems: set[str]) -> dict[str, str]:
    """Snippets of title, summary and body for one hit (body only when it matches)."""
    result = {
        "title": highlight(document.get("title", ""), stems),
        "summary": highlight(document.get("summary", ""), stems),
    }
    body = highlight(document.get("body", ""), stems, window=30)
    if body:
        result["body"] = body
    return result
