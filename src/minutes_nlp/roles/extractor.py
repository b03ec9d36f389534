"""Implementer extraction: a spaCy `PhraseMatcher` over role forms and place names, then list reading.

Steps, for one implementer cell:

1. tokenize with the project tokenizer and read every word with the lexicon
   (`RoleLexicon.read`: spelling, and the ending cut off where what remains is
   a known word); the read form is written into the token's `NORM`, so that
   one `PhraseMatcher` on `NORM` finds every role form of `taxonomy/roles.tsv`
   and `data/roles.toml` and every district and upazila of the gazetteer
   (with its aliases) whatever its ending: `অফিসারগণ`, `রাজশাহীতে`;
2. split the cell into items at list numbers (`(১)`, `০১.`, `১)`, `২।`), new
   lines, `।` and HTML paragraphs;
3. split each item at `,` `ও` `এবং` `;` outside parentheses and outside a role
   form (at `/` only between two roles of the taxonomy), into pieces; a piece
   that names no post (an office, a place, a scope) belongs to the entry before
   it (`প্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ` is one entry), one
   after `;` starts an entry of its own, and one that is only a parenthesised
   qualifier takes the role before it (`অতিরিক্ত জেলা প্রশাসক (সার্বিক), (রাজস্ব)`);
4. read each entry: its role (a role of the office's name, `…অফিসারের কার্যালয়`,
   does not count; none gives `other`), its scope (`সকল`), its places; places
   written once after the last entry of an item belong to the entries joined to
   it that name none (`… (সকল) ও জেলা শিক্ষা অফিসার, লালমনিরহাট`).

Decision text (when the implementer cell is empty or only says সংশ্লিষ্ট সকল) is
read for role mentions instead of list entries, keeping the ones that act.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from spacy.attrs import NORM, ORTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from minutes_nlp.gazetteer import Gazetteer, Place
from minutes_nlp.gazetteer import load as load_gazetteer
from minutes_nlp.model import Implementer
from minutes_nlp.roles.lexicon import GENITIVE, LOCATIVE, OBJECT, RoleLexicon
from minutes_nlp.tokenizing import get_nlp

_PLACE = "PLACE"
Field = Literal["implementer_text", "text"]
_DIGITS = "[০-৯0-9]{1,2}"
# A list number as the project tokenizer keeps it: (১) ১) ০১. ২। (ক) ক)
_LIST_MARKER = re.compile(rf"\(?(?:{_DIGITS}|[ক-ঙ])\)|{_DIGITS}[.।]|[ক-ঙ]\.")
_NUMBER = re.compile(_DIGITS)
# HTML tags left in exported cells: paragraph-like ones end an item, the others are blanked.
_HTML_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)[^<>]*>")
_BLOCK_TAGS = frozenset({"p", "br", "li", "div", "tr", "td", "th", "ul", "ol", "table"})
_WORD = re.compile(r"\w")  # a word has a letter or a digit (Bangla vowel signs are not `isalpha`)
_READ_CACHE_SIZE = 50_000
_CELL_CACHE_SIZE = 4_096
# How far a genitive phrase before a role is followed back in running text.
_GENITIVE_REACH = 20


@dataclass(slots=True)
class _Tokens:
    """The words of a text as the extractor sees them."""

    source: str  # the text as given (the doc's text has HTML tags blanked out)
    doc: Doc
    norms: list[str]
    cases: list[str | None]
    depth: list[int]  # parenthesis depth of each token
    cuts: list[int]  # length of the ending cut off each word (0 for none)



@dataclass(slots=True)
class _Mention:
    """A role form found in the text: token span and role id."""

    start: int
    end: int
    role: str


@dataclass(slots=True)
class _PlaceName:
    """A place name found in the text: token span, the places it may be, the name as read."""

    start: int
    end: int
    places: list[Place]
    name: str


_Spans = TypeVar("_Spans", _Mention, _PlaceName)


def _longest(spans: list[_Spans]) -> list[_Spans]:
    """Longest first, then leftmost: a longer name (সহকারী প্রোগ্রামার, রংপুর সদর) hides a shorter one inside it."""
    kept: list[_Spans] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if not taken.intersection(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


@dataclass(slots=True)
class _Entry:
    """One implementer of a list: its token span and the role found in it."""

    start: int
    end: int
    mention: _Mention | None = None
    role: str | None = None  # set for an elliptical qualifier, `(রাজস্ব)`
    after_strong: bool = False  # the entry follows `;`: places are not shared across it
    base: _Mention | None = None  # for an elliptical qualifier, the role form it completes


class RoleExtractor:
    """Finds the implementers of implementer cells and decision texts.

    Built once (the matcher compiles every role form and place name) and
    reused: `RoleExtractor()(cell, district=…)` for an implementer cell,
    `.from_decision(text, cell, district=…)` for a decision.
    """

    def __init__(self, lexicon: RoleLexicon | None = None, gazetteer: Gazetteer | None = None) -> None:
        lexicon = lexicon or RoleLexicon.load()
        self.gazetteer = gazetteer or load_gazetteer()
        nlp = get_nlp()
        self._tokenizer = nlp.tokenizer
        self._strings = nlp.vocab.strings
        # `other` has forms too: posts outside the taxonomy with a shorter role form inside them.
        roles = [*lexicon.roles.values(), lexicon.other]
        role_forms = {(role.id, form): self._tokenizer(form) for role in roles for form in role.variants}
        place_forms = {name: self._tokenizer(name) for name in self.gazetteer.names()}
        # Words of role forms and place names are the stems an ending may be cut back to.
        self.lexicon = lexicon.with_words(
            lexicon.spell(token.text) for doc in [*role_forms.values(), *place_forms.values()] for token in doc if not token.is_space
        )
        self._read_cache: dict[int, tuple[int, str | None, int]] = {}
        self._cells: dict[tuple[str, str | None], tuple[Implementer, ...]] = {}
        self._matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        # Read form of every role form -> role id, also for the elliptical qualifiers.
        self._role_of_form: dict[tuple[str, ...], str] = {}
        for (role_id, _), doc in role_forms.items():
            norms, _, _ = self._read(doc)
            self._matcher.add(role_id, [doc])
            self._role_of_form.setdefault(tuple(norms), role_id)
        self._places_of_form: dict[tuple[str, ...], list[Place]] = {}
        for name, doc in place_forms.items():
            norms, _, _ = self._read(doc)
            self._matcher.add(_PLACE, [doc])
            self._places_of_form.setdefault(tuple(norms), []).extend(self.gazetteer.lookup(name))
        self._place_key = self._strings.add(_PLACE)
        # Word sets of the running-text rules, joined once here rather than per mention.
        self._request_prefixes = tuple(self.lexicon.request_words)  # also their inflections: নির্দেশনা, দায়িত্বে
        self._asking_words = self.lexicon.request_words | self.lexicon.informing_words
        self._before_role = self.lexicon.scope_all | self.lexicon.before_role
        # District -> its সদর upazila (looked up by district, as the two may be spelled apart:
        # নারায়ণগঞ্জ, নারায়নগঞ্জ সদর).
        self._sadar_of = {
            p.district_bn: p.name_bn for p in self.gazetteer.upazilas if p.name_bn.endswith(f" {self.lexicon.sadar}")
        }

    # --- reading words ----------------------------------------------------------
    def _annotate(self, text: str) -> _Tokens:
        """Tokenize `text` and read its words (`_read`), with the parenthesis depth of each token."""
        # Tags become spaces of the same length (a new line for a paragraph), so offsets still index `text`.
        blanked = _HTML_TAG.sub(lambda m: ("\n" if m.group(1).lower() in _BLOCK_TAGS else " ").ljust(len(m.group())), text)
        doc = self._tokenizer(blanked)
        norms, cases, cuts = self._read(doc)
        depth, level = [], 0
        for norm in norms:
            if norm == ")":
                level = max(level - 1, 0)
            depth.append(level)
            if norm == "(":
                level += 1
        return _Tokens(text, doc, norms, cases, depth, cuts)

    def _read(self, doc: Doc) -> tuple[list[str], list[str | None], list[int]]:
        """Write each word's read form into its NORM; return the forms, cases and ending lengths."""
        table = doc.to_array([ORTH, NORM])
        cases: list[str | None] = []
        cuts: list[int] = []
        for i, orth in enumerate(table[:, 0].tolist()):
            found = self._read_cache.get(orth)
            if found is None:
                norm, case, cut = self.lexicon.read(self._strings[orth])
                found = (self._strings.add(norm), case, cut)
                if len(self._read_cache) > _READ_CACHE_SIZE:
                    self._read_cache.clear()
                self._read_cache[orth] = found
            table[i, 1] = found[0]
            cases.append(found[1])
            cuts.append(found[2])
        doc.from_array([NORM], table[:, 1:])  # type: ignore[arg-type]  # a uint64 array, as to_array made it
        return [self._strings[norm] for norm in table[:, 1].tolist()], cases, cuts

    def _matches(self, tokens: _Tokens) -> tuple[list[_Mention], list[_PlaceName]]:
        """Role forms (longest, not part of an office's name) and place names (longest) in the text."""
        roles, places = [], []
        for key, start, end in self._matcher(tokens.doc):
            if key == self._place_key:
                after = tokens.norms[end] if end < len(tokens.norms) else ""
                name = " ".join(tokens.norms[start:end])
                if after not in self.lexicon.not_place_after:
                    places.append(_PlaceName(start, end, self._places_of_form.get(tuple(tokens.norms[start:end]), []), name))
            else:
                roles.append(_Mention(start, end, self._strings[key]))
        # A role of the taxonomy wins over an `other` form of the same length (stable sort).
        roles.sort(key=lambda m: m.role == self.lexicon.other.id)
        mentions = [m for m in _longest(roles) if not self._names_an_office(tokens, m)]
        for m in mentions:
            # সহকারী জেলা প্রাথমিক শিক্ষা অফিসার: another post than the role form inside it.
            if m.start > 0 and tokens.norms[m.start - 1] in self.lexicon.post_prefixes:
                m.start, m.role = m.start - 1, self.lexicon.other.id
        return mentions, _longest(places)

    def _names_an_office(self, tokens: _Tokens, mention: _Mention) -> bool:
        """`জেলা প্রশাসকের কার্যালয়`, `উপজেলা নির্বাহী অফিসার কার্যালয়`: the role names an office."""
        after = tokens.norms[mention.end] if mention.end < len(tokens.norms) else ""
        if after in self.lexicon.genitive_words:
            after = tokens.norms[mention.end + 1] if mention.end + 1 < len(tokens.norms) else ""
        return after in self.lexicon.office_words

    def _qualifies_a_post(self, tokens: _Tokens, mention: _Mention) -> bool:
        """In a list, a role in the genitive qualifies the post after it (জেলা প্রশাসকের প্রতিনিধি)."""
        case, after = self._tail(tokens, mention, {})
        return case == GENITIVE and not (after < len(tokens.norms) and tokens.norms[after] in self.lexicon.acting_after_genitive)

    # --- implementer cells ------------------------------------------------------
    def __call__(self, text: str, *, district: str | None = None) -> list[Implementer]:
        """The implementers named in an implementer cell, in order; offsets index into `text`."""
        # The same cell comes back item after item in a document, and document
        # after document from one office: read each once.
        key = (text, district)
        cached = self._cells.get(key)
        if cached is None:
            cached = tuple(self._read_cell(text, district))
            if len(self._cells) > _CELL_CACHE_SIZE:
                self._cells.clear()
            self._cells[key] = cached
        return [replace(implementer, places=list(implementer.places)) for implementer in cached]

    def _read_cell(self, text: str, district: str | None) -> list[Implementer]:
        tokens = self._annotate(text)
        mentions, places = self._matches(tokens)
        # In a list a role in the genitive qualifies the post after it (জেলা প্রশাসকের প্রতিনিধি).
        mentions = [m for m in mentions if not self._qualifies_a_post(tokens, m)]
        implementers: list[Implementer] = []
        for start, end in self._items(tokens):
            entries = self._entries(tokens, start, end, [m for m in mentions if start <= m.start < end])
            found = [self._implementer(tokens, entry, places, district, "implementer_text") for entry in entries]
            self._share_trailing_places(tokens, entries, found, places, district)
            implementers += [implementer for implementer in found if implementer.text]
        return implementers

    def _items(self, tokens: _Tokens) -> list[tuple[int, int]]:
        """Token ranges of the list items: split at list numbers, new lines, `।` and paragraph tags."""
        items, start = [], 0
        for i, token in enumerate(tokens.doc):
            text = token.text
            boundary = (
                text in self.lexicon.item_ends
                or (token.is_space and "\n" in text)
                or bool(_LIST_MARKER.fullmatch(text))
            )
            if boundary:
                # `… পাবনা ২। …`: a number before `।` is the next item's number.
                end = i - 1 if text == "।" and i - 1 > start and _NUMBER.fullmatch(tokens.doc[i - 1].text) else i
                if end > start:
                    items.append((start, end))
                start = i + 1
        if start < len(tokens.doc):
            items.append((start, len(tokens.doc)))
        return items

    def _entries(self, tokens: _Tokens, start: int, end: int, mentions: list[_Mention]) -> list[_Entry]:
        """The entries of one item (see the module docstring, step 3)."""
        inside_role = {i for m in mentions for i in range(m.start, m.end)}
        taxonomy_ends = {m.end for m in mentions if m.role != self.lexicon.other.id}
        taxonomy_starts = {m.start for m in mentions if m.role != self.lexicon.other.id}
        pieces, piece_start, strong = [], start, False
        for i in range(start, end):
            norm = tokens.norms[i]
            if tokens.depth[i] > 0 or i in inside_role or norm not in self.lexicon.separators:
                continue
            if norm in self.lexicon.weak_separators and not (
                any(piece_start < e <= i for e in taxonomy_ends) and self._next_word(tokens, i + 1, end) in taxonomy_starts
            ):
                continue
            pieces.append((piece_start, i, strong))
            piece_start, strong = i + 1, norm in self.lexicon.strong_separators
        pieces.append((piece_start, end, strong))
        entries: list[_Entry] = []
        prefix: int | None = None  # start of leading pieces that name no role
        for piece_start, piece_end, after_strong in pieces:
            if not self._has_words(tokens, piece_start, piece_end):
                continue
            mention = next((m for m in mentions if piece_start <= m.start < piece_end), None)
            elliptic = None if mention or not entries else self._elliptic_role(tokens, entries[-1], piece_start, piece_end)
            if elliptic and not self._qualified(tokens, entries[-1]):
                # `অতিরিক্ত জেলা প্রশাসক, (সার্বিক)`: the qualifier completes the role before it.
                entries[-1].role, entries[-1].end = elliptic, piece_end
                continue
            if mention or elliptic or after_strong or self._has_head_word(tokens, piece_start, piece_end):
                base = entries[-1].mention or entries[-1].base if elliptic else None
                entries.append(_Entry(piece_start if prefix is None else prefix, piece_end, mention, elliptic, after_strong, base))
                prefix = None
            elif entries:
                entries[-1].end = piece_end
            elif prefix is None:
                prefix = piece_start
        if prefix is not None:  # no piece of the item names a post: the item is one `other` entry
            entries.append(_Entry(prefix, end))
        return entries

    @staticmethod
    def _next_word(tokens: _Tokens, i: int, end: int) -> int:
        while i < end and tokens.doc[i].is_space:
            i += 1
        return i

    def _has_words(self, tokens: _Tokens, start: int, end: int) -> bool:
        return any(_WORD.search(tokens.doc[i].text) for i in range(start, end))

    def _has_head_word(self, tokens: _Tokens, start: int, end: int) -> bool:
        """Whether the piece names a post, in the taxonomy or not (`সিভিল সার্জন`)."""
        return any(
            tokens.norms[i] in self.lexicon.head_words and tokens.cases[i] not in (GENITIVE, LOCATIVE) and tokens.depth[i] == 0
            for i in range(start, end)
        )

    def _elliptic_role(self, tokens: _Tokens, previous: _Entry, start: int, end: int) -> str | None:
        """`(রাজস্ব)` after `অতিরিক্ত জেলা প্রশাসক (সার্বিক)` (or after `অতিরিক্ত জেলা প্রশাসক,`):
        the role named by the previous role form with this qualifier."""
        words = [tokens.norms[i] for i in range(start, end) if not tokens.doc[i].is_space]
        form = previous.mention or previous.base  # (রাজস্ব) ও (শিক্ষা ও আইসিটি): both complete the first
        if form is None or len(words) < 3 or words[0] != "(" or words[-1] != ")":
            return None
        base = tokens.norms[form.start : form.end]
        base = base[: base.index("(")] if "(" in base else base
        return self._role_of_form.get((*base, *words))

    def _qualified(self, tokens: _Tokens, entry: _Entry) -> bool:
        """Whether the entry's role form has its own parenthesised qualifier (`… (সার্বিক)`)."""
        form = entry.mention or entry.base
        return entry.role is not None or (form is not None and "(" in tokens.norms[form.start : form.end])

    def _implementer(
        self, tokens: _Tokens, entry: _Entry, places: list[_PlaceName], district: str | None, field: Field
    ) -> Implementer:
        start, end = self._trim(tokens, entry.start, entry.end)
        role_id = entry.role or (entry.mention.role if entry.mention else None)
        role = self.lexicon.roles.get(role_id) if role_id else None
        first, last = (tokens.doc[start].idx, tokens.doc[end - 1].idx + len(tokens.doc[end - 1])) if end > start else (0, 0)
        if field == "text" and end > start and tokens.cases[end - 1] in (OBJECT, GENITIVE, LOCATIVE):
            last -= tokens.cuts[end - 1]  # … কর্মচারীকে: the role is the words without the case ending
        text = tokens.source[first:last]
        return Implementer(
            role=role.id if role else "other",
            role_bn=role.bn if role else text,
            role_en=role.en if role else self.lexicon.other.en,
            scope="all" if any(tokens.norms[i] in self.lexicon.scope_all for i in range(start, end)) else "one",
            places=self._place_names(tokens, start, end, places, district),
            text=text,
            start=first,
            end=last,
            field=field,
        )

    def _trim(self, tokens: _Tokens, start: int, end: int) -> tuple[int, int]:
        """Drop the separators, punctuation and spaces at both ends of a span."""
        def loose(i: int) -> bool:
            token = tokens.doc[i]
            return token.is_space or (token.is_punct and token.text not in "()") or tokens.norms[i] in self.lexicon.separators

        while start < end and loose(start):
            start += 1
        while end > start and (loose(end - 1) or (tokens.norms[end - 1] == "(")):
            end -= 1
        return start, end

    def _place_names(
        self, tokens: _Tokens, start: int, end: int, places: list[_PlaceName], district: str | None
    ) -> list[str]:
        """Canonical names of the districts and upazilas written in the span, in text order."""
        inside = [place for place in places if start <= place.start and place.end <= end and place.places]
        districts = [p.name_bn for place in inside for p in place.places if p.kind == "district"]
        home = districts[0] if districts else district
        named: list[tuple[int, str]] = []
        for place in inside:
            local = [p for p in place.places if p.district_bn in (home, district)]
            if place.name in self.lexicon.places_needing_context and not local:
                continue
            named.append((place.start, (local or place.places)[0].name_bn))
        taken = {i for place in inside for i in range(place.start, place.end)}
        for i in range(start, end):
            if tokens.norms[i] == self.lexicon.sadar and i not in taken and home and self._is_sadar_upazila(tokens, i):
                if home in self._sadar_of:
                    named.append((i, self._sadar_of[home]))
        return list(dict.fromkeys(name for _, name in sorted(named)))

    def _is_sadar_upazila(self, tokens: _Tokens, i: int) -> bool:
        """A bare সদর in a list of upazilas, not `সদর দপ্তর` nor `জেলা সদর`."""
        before = tokens.norms[i - 1] if i > 0 else ""
        after = tokens.norms[i + 1] if i + 1 < len(tokens.norms) else ""
        return after not in self.lexicon.not_sadar_after and before not in self.lexicon.level_words

    def _share_trailing_places(
        self,
        tokens: _Tokens,
        entries: list[_Entry],
        found: list[Implementer],
        places: list[_PlaceName],
        district: str | None,
    ) -> None:
        """Places written once after the last entry of an item belong to the entries
        joined to it (by `ও`, `,`, `/`, not `;`) that name none."""
        if len(entries) < 2 or not found[-1].places:
            return
        last = entries[-1]
        after_role = last.mention.end if last.mention else last.start
        trailing = self._place_names(tokens, after_role, last.end, places, district)
        k = len(entries) - 1
        while k > 0 and not entries[k].after_strong:
            k -= 1
            if not found[k].places:
                found[k].places = list(trailing)

    # --- decision text ----------------------------------------------------------
    def from_decision(
        self,
        text: str,
        implementer_text: str | None = None,
        *,
        district: str | None = None,
    ) -> list[Implementer]:
        """Implementers of a decision: from its implementer cell, or from its text where
        the cell is empty or only says সংশ্লিষ্ট সকল and the text names who acts."""
        from_cell = self(implementer_text, district=district) if implementer_text else []
        if from_cell and any(i.role != "all_concerned" for i in from_cell):
            return from_cell
        return self.in_text(text, district=district) or from_cell

    def in_text(self, text: str, *, district: str | None = None) -> list[Implementer]:
        """The roles that act in running text (`field` is `text`), in order, each role (with its places) once."""
        tokens = self._annotate(text)
        mentions, places = self._matches(tokens)
        mentions += self._posts_not_in_taxonomy(tokens, mentions)
        acting = self._acting(tokens, sorted(mentions, key=lambda m: m.start))
        implementers: list[Implementer] = []
        seen: set[str] = set()  # each role (with its places) once
        for mention in acting:
            entry = _Entry(*self._phrase_around(tokens, mention, places), mention if mention.role != "other" else None)
            implementer = self._implementer(tokens, entry, places, district, "text")
            key = f"{implementer.role}|{implementer.places}" if implementer.role != "other" else implementer.text
            if key not in seen:
                seen.add(key)
                implementers.append(implementer)
        return implementers

    def _posts_not_in_taxonomy(self, tokens: _Tokens, mentions: Sequence[_Mention]) -> list[_Mention]:
        """`উপজেলা কৃষি অফিসার`: a level word, up to three words and a head word."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for i, norm in enumerate(tokens.norms):
            if norm not in self.lexicon.head_words or i in taken or tokens.cases[i] == LOCATIVE:
                continue
            for start in range(i - 1, max(i - 5, -1), -1):
                if start in taken or not _WORD.search(tokens.doc[start].text):
                    break
                if tokens.norms[start] in self.lexicon.level_words:
                    found.append(_Mention(start, i + 1, "other"))
                    break
        return [m for m in found if not self._names_an_office(tokens, m)]

    def _tail(self, tokens: _Tokens, mention: _Mention, by_start: dict[int, _Mention]) -> tuple[str | None, int]:
        """The case of a mention and the index of the word after it. The case is on
        an honorific after the role (`মহোদয়ের`), on a separate `কে`/`এর`, and in a
        coordination (`দপ্তর প্রধান ও ইউপি সচিবদের`) on its last member."""
        norms, n = tokens.norms, len(tokens.norms)
        i, case = mention.end, tokens.cases[mention.end - 1]
        while i < n and norms[i] in self.lexicon.honorifics:
            case = tokens.cases[i]
            i += 1
        if i < n and norms[i] in self.lexicon.object_words:
            return OBJECT, i + 1
        if i < n and norms[i] in self.lexicon.genitive_words:
            return GENITIVE, i + 1
        if case is None and i < n and norms[i] in self.lexicon.separators and i + 1 in by_start:
            return self._tail(tokens, by_start[i + 1], by_start)
        return case, i

    def _sentence(self, tokens: _Tokens, i: int) -> tuple[int, int]:
        start = i
        while start > 0 and tokens.norms[start - 1] not in ("।", ";"):
            start -= 1
        end = i
        while end < len(tokens.norms) and tokens.norms[end] not in ("।", ";"):
            end += 1
        return start, end

    def _acting(self, tokens: _Tokens, mentions: list[_Mention]) -> list[_Mention]:
        """The mentions that name who acts in running text:

        * the subject (nominative or plural), unless it only reports or asks
          (`… বলেন যে`, `… অনুরোধ জানান`);
        * one acting through its genitive (`…অফিসারের মাধ্যমে`);
        * the one asked (object case, or genitive plural, with a request word
          later in the sentence: `…গণ কে … অনুরোধ`, `…দের … দায়িত্ব প্রদান`), in
          which case the subjects of that sentence (who ask) are left out;
        * never a recipient or companion (`… নিকট`, `… বরাবর`, `…কে অবহিত`).
        """
        acting: list[tuple[_Mention, str | None]] = []  # (mention, how it is asked: object, genitive or None)
        asked_in: dict[tuple[int, int], set[str]] = {}
        by_start = {m.start: m for m in mentions}
        sentences = {m.start: self._sentence(tokens, m.start) for m in mentions}
        for mention in mentions:
            case, after = self._tail(tokens, mention, by_start)
            sentence = sentences[mention.start]
            next_word = tokens.norms[after] if after < len(tokens.norms) else ""
            rest = tokens.norms[after : sentence[1]]
            if next_word in self.lexicon.not_acting_after or case == LOCATIVE:
                continue
            case_word = tokens.doc[max(after - 1, mention.end - 1)].text
            asked = case == OBJECT or (case == GENITIVE and case_word.endswith(self.lexicon.plural_genitive_endings))
            if asked:
                if next_word not in self.lexicon.informing_words and any(w.startswith(self._request_prefixes) for w in rest):
                    acting.append((mention, case))
                    asked_in.setdefault(sentence, set()).add(case or "")
            elif case == GENITIVE:
                if next_word in self.lexicon.acting_after_genitive:
                    acting.append((mention, None))
            elif not self._speaks(rest):
                acting.append((mention, None))

        def keep(mention: _Mention, how: str | None) -> bool:
            asked_here = asked_in.get(sentences[mention.start], set())
            if how == GENITIVE:  # a possessive (উদ্যোক্তাদের বসার স্থান) where someone else is asked
                return OBJECT not in asked_here
            return how == OBJECT or not asked_here

        return [mention for mention, how in acting if keep(mention, how)]

    def _speaks(self, rest: list[str]) -> bool:
        """Whether the words after a subject make it one who reports or asks (`বলেন`,
        `অনুরোধ জানান`, `অবহিত করেন`), up to a `যে` that starts what is reported."""
        for k, word in enumerate(rest):
            if word == "যে":
                return False
            if word in self.lexicon.speech_words:
                return True
            if word in self.lexicon.speech_after_request and any(w in self._asking_words for w in rest[max(k - 2, 0) : k]):
                return True
        return False

    def _phrase_around(self, tokens: _Tokens, mention: _Mention, places: list[_PlaceName]) -> tuple[int, int]:
        """The words of a mention in running text: with `সংশ্লিষ্ট`/`সকল` and a genitive
        phrase before it, and `(সকল)` and `, <place>` after it."""
        start, end = mention.start, mention.end
        while start > 0 and tokens.norms[start - 1] in self._before_role:
            start -= 1
        place_ends = {place.end: place.start for place in places}
        if start > 1 and tokens.norms[start - 1] in self.lexicon.place_links and start - 1 in place_ends:
            start = place_ends[start - 1]  # রাজশাহীতে কর্মরত সহকারী প্রোগ্রামারগণ
        if start > 0 and (tokens.cases[start - 1] == GENITIVE or tokens.norms[start - 1] in self.lexicon.genitive_words):
            sentence_start = self._sentence(tokens, start)[0]
            if start - sentence_start <= _GENITIVE_REACH:
                start = sentence_start
        place_starts = {place.start: place.end for place in places}
        while end < len(tokens.norms):
            if tokens.norms[end] == "(":
                close = next((j for j in range(end, len(tokens.norms)) if tokens.norms[j] == ")"), None)
                if close is None or close - end > 6:
                    break
                end = close + 1
            elif tokens.norms[end] == "," and end + 1 in place_starts:
                end = place_starts[end + 1]
            else:
                break
        return start, end
