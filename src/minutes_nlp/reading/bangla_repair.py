"""Repair Bangla text that a PDF or OCR gave back in visual (glyph) order.

Programs that map each glyph to its own character (no cluster mapping) give
back Bangla the way it is drawn, not the way it is typed:

- the pre-base vowel signs ি ে ৈ come *before* their consonant (িস for সি),
  and ো ৌ come as ে … া / ে … ৗ around it;
- reph (র্ drawn on top at the end of a cluster) comes *after* the consonant
  it stands before (কাযর্ালয় for কার্যালয়, ধমর্ for ধর্ম);
- a conjunct drawn from parts gets a space around its hasanta (প ্র).

Each rule fires only on a sequence that Unicode Bangla never has (a vowel sign
with no consonant before it, a hasanta before a vowel sign or a space), so
text in logical order passes through unchanged. What stays ambiguous (র্ followed
by a consonant is a valid conjunct) is left as it is.
"""

from __future__ import annotations

import re
import unicodedata

_CONSONANT = "[\u0995-\u09b9\u09ce\u09dc-\u09df\u09f0\u09f1]"
_NUKTA = "\u09bc"
# A consonant cluster: consonant (+ nukta), then hasanta + consonant any number of times.
_CLUSTER = f"{_CONSONANT}{_NUKTA}?(?:\u09cd{_CONSONANT}{_NUKTA}?)*"
_PRE_BASE = "\u09bf\u09c7\u09c8"  # ি ে ৈ
_DEPENDENT = "[\u09be-\u09c4\u09c7\u09c8\u09cb\u09cc\u09d7\u0981-\u0983]"
_LETTER_OR_SIGN = "[\u0980-\u09ff]"

# A pre-base vowel sign with no consonant before it, then its cluster.
_PRE_BASE_FIRST = re.compile(f"(?<!{_LETTER_OR_SIGN})([{_PRE_BASE}])({_CLUSTER})")
# ... or after a full syllable (a vowel sign or a mark ends it): "কািস" is never valid either.
_PRE_BASE_AFTER_SIGN = re.compile(f"(?<={_DEPENDENT})([{_PRE_BASE}])({_CLUSTER})")
# Reph after the cluster it belongs to: র্ then a vowel sign, a space or the end.
_REPH_LATE = re.compile(f"({_CLUSTER})({_DEPENDENT}*)\u09b0\u09cd(?=(?:{_DEPENDENT}|[^\u0980-\u09ff]|$))")
# A space on either side of a hasanta inside a word.
_SPLIT_HASANTA = re.compile(f"(?<={_CONSONANT}) +(?=\u09cd)|(?<=\u09cd) +(?={_CONSONANT})")
# A dependent vowel sign (not pre-base) separated from its consonant by a space.
_SPLIT_SIGN = re.compile(f"(?<={_CONSONANT}) +(?=[\u09be\u09c0-\u09c4\u09d7\u0981-\u0983])")


def repair(text: str) -> str:
    """`text` with visual-order Bangla put in logical order (NFC)."""
    if not any("\u0980" <= ch <= "\u09ff" for ch in text):
        return text
    text = _SPLIT_HASANTA.sub("", text)
    text = _SPLIT_SIGN.sub("", text)
    text = _PRE_BASE_FIRST.sub(r"\2\1", text)
    text = _PRE_BASE_AFTER_SIGN.sub(r"\2\1", text)
    text = _REPH_LATE.sub(lambda m: "\u09b0\u09cd" + m.group(1) + m.group(2), text)
    # ে + া and ে + ৗ, now adjacent, are the two-part vowels ো ৌ.
    return unicodedata.normalize("NFC", text)
