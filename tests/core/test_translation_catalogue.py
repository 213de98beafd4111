"""The shipped English catalogue is complete and compiled: no untranslated or fuzzy entry, and
the compiled .mo answers every msgid of the .po with its translation."""
import ast
import gettext
import re
from pathlib import Path

PO = Path("locale/en/LC_MESSAGES/django.po")


def entries():
    """(flags, msgid, msgstrs) per entry; a small reader for the subset makemessages writes."""
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    for block in blocks:
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            if "msgctxt" in fields:  # looked up as "context\x04msgid" in the compiled catalogue
                fields["msgid"] = fields["msgctxt"] + "\x04" + fields["msgid"]
            yield flags, fields["msgid"], fields.get("msgid_plural"), [v for k, v in fields.items() if k.startswith("msgstr")]


def test_every_entry_is_translated_and_none_is_fuzzy():
    found = list(entries())
    assert len(found) > 1000
    assert not [msgid for flags, msgid, _p, _s in found if "fuzzy" in flags]
    assert not [msgid for _f, msgid, _p, strs in found if not all(strs)]


def test_compiled_catalogue_matches_the_source():
    with open(PO.with_suffix(".mo"), "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for _flags, msgid, plural, strs in entries():
        if plural:
            assert catalogue.ngettext(msgid, plural, 1) == strs[0], msgid
        else:
            assert catalogue.gettext(msgid) == strs[0], msgid
