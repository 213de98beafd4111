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


def _matcher(stems, memo):
    """``_is_match`` for these stems, remembering each word's answer in ``memo`` (a dict): a
    page of 20 hits checks about 1,300 words, mostly the same few hundred."""
    def is_match(word):
        found = memo.get(word)
        if found is None:
            found = memo[word] = _is_match(word, stems)
        return found
    return is_match


def highlight(text: str, stems: set[str], window: int = 0, memo: dict | None = None) -> str:
    """Mark matching words; with ``window`` > 0 cut to about that many words around the first match.

    Returns "" when ``window`` is set and nothing matches (no snippet is better than a random one).
    ``memo`` (a dict, for the same ``stems`` only) lets calls share the words already checked.
    """
    text = text or ""
    is_match = _matcher(stems, {} if memo is None else memo)
    words = list(WORD_RE.finditer(text))
    if window:
        # only the words up to the first match and the window after it need checking
        first = next((i for i, m in enumerate(words) if is_match(m.group())), None)
        if first is None:
            return ""
        start_word = max(0, first - window // 4)
        end_word = min(len(words), start_word + window)
        start = words[start_word].start()
        end = words[end_word - 1].end()
        prefix = "… " if start_word > 0 else ""
        suffix = " …" if end_word < len(words) else ""
        matches = [words[first]] + [m for m in words[first + 1:end_word] if is_match(m.group())]
    else:
        matches = [m for m in words if is_match(m.group())]
        start, end, prefix, suffix = 0, len(text), "", ""
    pieces, cursor = [], start
    for match in matches:
        pieces.append(escape(text[cursor:match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    return prefix + "".join(pieces) + suffix


def highlights_for(document: dict, stems: set[str], memo: dict | None = None) -> dict[str, str]:
    """Snippets of title, summary and body for one hit (body only when it matches); ``memo`` as
    for ``highlight``, shared by the hits of one query."""
    memo = {} if memo is None else memo
    result = {
        "title": highlight(document.get("title", ""), stems, memo=memo),
        "summary": highlight(document.get("summary", ""), stems, memo=memo),
    }
    body = highlight(document.get("body", ""), stems, window=30, memo=memo)
    if body:
        result["body"] = body
    return result
