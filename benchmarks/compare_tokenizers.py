"""Compare minutes_nlp's tokenizer with bnlp's BasicTokenizer on corpus/raw/.

Usage (from the repository root):

    PYTHONPATH=src python benchmarks/compare_tokenizers.py [--examples N]

Both tokenizers run on the five sample minutes (normalised with
``normalize_text``). Where their token boundaries differ, the differing
stretch of text is a *region*; regions are grouped by category (dates,
list markers, …) and printed as a Markdown report with counts and examples.
Per category the report also counts how many of our tokens bnlp produces
identically, so agreement is visible too.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "raw"

try:
    from minutes_nlp.normalize import normalize_text
    from minutes_nlp.tokenizing import get_nlp
except ImportError:  # run without PYTHONPATH=src
    sys.path.insert(0, str(ROOT / "src"))
    from minutes_nlp.normalize import normalize_text
    from minutes_nlp.tokenizing import get_nlp

Span = tuple[int, int]


def load_bnlp_basic() -> ModuleType:
    """Load bnlp/tokenizer/basic.py without importing the bnlp package.

    ``import bnlp`` (or ``bnlp.tokenizer``) runs the package ``__init__``,
    which imports the NLTK tokenizer and tries to download NLTK's punkt
    data: slow, and it needs the network. ``find_spec("bnlp")`` only locates
    the top-level package (it does not execute it), and basic.py depends on
    the standard library only, so we execute that one file on its own.
    """
    spec = importlib.util.find_spec("bnlp")
    if spec is None or not spec.submodule_search_locations:
        print("bnlp-toolkit is not installed: pip install bnlp-toolkit", file=sys.stderr)
        sys.exit(1)
    path = Path(list(spec.submodule_search_locations)[0]) / "tokenizer" / "basic.py"
    if not path.is_file():
        print(f"bnlp is installed but {path} is missing (unsupported bnlp version?)", file=sys.stderr)
        sys.exit(1)
    module_spec = importlib.util.spec_from_file_location("_bnlp_tokenizer_basic", path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


# --- categories (classify one of *our* tokens) ---------------------------------
D = "0-9\u09e6-\u09ef"
_LABEL = f"(?:[{D}]{{1,3}}|[\u0985-\u09b9]\u09bc?|[A-Za-z]|i{{1,3}}|iv|vi{{0,3}}|ix|x)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dates", re.compile(f"[{D}]{{1,2}}([/.-])[{D}]{{1,2}}\\1(?:[{D}]{{4}}|[{D}]{{2}})|[{D}]{{4}}([/.-])[{D}]{{1,2}}\\2[{D}]{{1,2}}")),
    ("memo numbers", re.compile(f"[{D}]+(?:\\.[{D}]+){{3,}}")),
    ("times", re.compile(f"[{D}]{{1,2}}[:.][{D}]{{2}}")),
    ("list markers", re.compile(f"\\({_LABEL}\\)|{_LABEL}\\)|(?:[{D}]{{1,2}}|[\u0985-\u09b9]\u09bc?)[.\u0964]")),
    ("hyphenated words", re.compile("(?=.*[A-Za-z\u0985-\u09b9]).+-.+")),
    ("abbreviations (. / ঃ)", re.compile("[\u0980-\u09ff.]*[\u0985-\u09b9][\u0980-\u09ff.]*[.\u0983]")),
    ("visarga as colon", re.compile("\u0983")),
    ("HTML tags", re.compile("</?[A-Za-z][A-Za-z0-9]*>")),
    ("dari handling", re.compile("[\u0964\u0965]")),
]
CATEGORIES = [name for name, _ in _PATTERNS[:3]] + ["URLs / e-mails"] + [name for name, _ in _PATTERNS[3:]] + ["other"]


def categorise(text: str, like_url: bool, like_email: bool) -> str | None:
    # Digit patterns first: spaCy's like_url is also true for "১৯.১১.২০২৩".
    for name, pattern in _PATTERNS[:3]:
        if pattern.fullmatch(text):
            return name
    if like_url or like_email:
        return "URLs / e-mails"
    for name, pattern in _PATTERNS[3:]:
        if pattern.fullmatch(text):
            return name
    return None


# --- alignment ---------------------------------------------------------------------
def spans_of(text: str, tokens: list[str]) -> list[Span]:
    """Character spans of `tokens`, which occur in `text` in order."""
    spans, pos = [], 0
    for token in tokens:
        start = text.index(token, pos)
        spans.append((start, start + len(token)))
        pos = start + len(token)
    return spans


def diff_regions(ours: list[Span], theirs: list[Span]) -> list[tuple[list[Span], list[Span]]]:
    """Minimal groups of tokens covering the same text but split differently."""
    regions, i, j = [], 0, 0
    while i < len(ours) and j < len(theirs):
        if ours[i] == theirs[j]:
            i, j = i + 1, j + 1
            continue
        group_a, group_b = [ours[i]], [theirs[j]]
        end_a, end_b = ours[i][1], theirs[j][1]
        i, j = i + 1, j + 1
        while end_a != end_b:
            if (end_a < end_b and i == len(ours)) or (end_b < end_a and j == len(theirs)):
                raise ValueError("token spans do not cover the same text")
            if end_a < end_b:
                group_a.append(ours[i])
                end_a = ours[i][1]
                i += 1
            else:
                group_b.append(theirs[j])
                end_b = theirs[j][1]
                j += 1
        regions.append((group_a, group_b))
    return regions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3, help="examples per category (default 3)")
    args = parser.parse_args(argv)

    basic = load_bnlp_basic()
    bnlp_tokenize: Callable[[str], list[str]] = basic.BasicTokenizer()
    nlp = get_nlp()

    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        print(f"no corpus files in {CORPUS}", file=sys.stderr)
        return 1

    n_ours = n_theirs = 0
    units: Counter[str] = Counter()  # our tokens per category
    same: Counter[str] = Counter()  # … of which bnlp has the identical token
    regions_by_cat: dict[str, list[tuple[str, list[str], list[str]]]] = defaultdict(list)
    for path in files:
        text = normalize_text(path.read_text(encoding="utf-8"))
        doc = nlp.make_doc(text)
        our_tokens = [t for t in doc if not t.is_space]
        ours = [(t.idx, t.idx + len(t.text)) for t in our_tokens]
        theirs = spans_of(text, bnlp_tokenize(text))
        n_ours, n_theirs = n_ours + len(ours), n_theirs + len(theirs)
        info = {(t.idx, t.idx + len(t.text)): categorise(t.text, t.like_url, t.like_email) for t in our_tokens}
        their_set = set(theirs)
        for span, cat in info.items():
            if cat:
                units[cat] += 1
                same[cat] += span in their_set
        for group_a, group_b in diff_regions(ours, theirs):
            cats = [info[s] for s in group_a if info.get(s)]
            cat = cats[0] if cats else "other"
            regions_by_cat[cat].append(
                (text[group_a[0][0] : group_a[-1][1]], [text[a:b] for a, b in group_a], [text[a:b] for a, b in group_b])
            )

    n_regions = sum(len(v) for v in regions_by_cat.values())
    print(f"# Tokenizer comparison on {len(files)} files in {CORPUS.relative_to(ROOT)}/\n")
    print(f"minutes_nlp: {n_ours} tokens; bnlp BasicTokenizer: {n_theirs} tokens; {n_regions} differing regions.\n")
    print("| category | our tokens | identical in bnlp | differing regions | example (ours vs bnlp) |")
    print("|---|---:|---:|---:|---|")
    for cat in CATEGORIES:
        found = regions_by_cat.get(cat, [])
        example = ""
        if found:
            _, a, b = Counter((t, tuple(a), tuple(b)) for t, a, b in found).most_common(1)[0][0]
            example = f"`{' · '.join(a)}` vs `{' · '.join(b)}`"
        our_count = units[cat] if cat != "other" else "–"
        same_count = same[cat] if cat != "other" else "–"
        print(f"| {cat} | {our_count} | {same_count} | {len(found)} | {example} |")
    print()
    for cat in CATEGORIES:
        found = regions_by_cat.get(cat, [])
        if not found:
            continue
        print(f"## {cat}: {len(found)} regions\n")
        for (_, a, b), n in Counter((t, tuple(a), tuple(b)) for t, a, b in found).most_common(args.examples):
            print(f"- {n}× ours `{' · '.join(a)}` | bnlp `{' · '.join(b)}`")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
