"""Which organisation names in the rows denote the same organisation, and what to call it.

Rules, most certain first (each is something the sources themselves show, never a list of known
organisations):

1. *Same written form*: after ``names.canonical_name`` (drops "the", a possessive, a parenthesised
   acronym; "U.K." -> "UK") and case folding, two names are equal.
2. *Country qualifier*: "UK AI Security Institute" and "AI Security Institute" are one body, unless
   the sources also name the bare form with another country ("US AI Security Institute"), when the
   bare form is ambiguous and stays apart.
3. *Acronym*: a bare acronym ("DSIT", "UK AISI") joins the one long form that declares it in
   parentheses, or failing that the one long form whose initials spell it. Two candidates: no join.
4. *A department acting for its government*, the conservative rule: a body joins
   "<Country> government" only when the sources link the two, either
   (a) one evidence quote names both the government and a ministry-type body (Department, Ministry,
       Office, ...) that is not qualified by another country, or
   (b) one document reports the same agreement twice on the same date, once with the government
       and once with a public body that the sources qualify with that country ("UK's Department
       for ..."); see ``briefing.consolidate.merge``, which applies it.
   A bare "the government" joins "<Country> government" only inside a document that names exactly
   one country's government.

The canonical name of a group is its most complete form (not an acronym, most words); every other
form seen is an alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from briefing.consolidate._text import fold
from briefing.names import acronym_of, canonical_name

COUNTRY_FORMS: dict[str, str] = {
    "uk": "UK", "united kingdom": "UK", "britain": "UK", "great britain": "UK", "british": "UK",
    "us": "US", "usa": "US", "united states": "US", "america": "US", "american": "US",
    "eu": "EU", "european union": "EU", "france": "France", "french": "France",
    "germany": "Germany", "german": "Germany", "canada": "Canada", "canadian": "Canada",
    "japan": "Japan", "japanese": "Japan", "india": "India", "indian": "India", "china": "China",
    "chinese": "China", "australia": "Australia", "australian": "Australia", "singapore": "Singapore",
    "south korea": "South Korea", "korea": "South Korea", "korean": "South Korea", "italy": "Italy",
    "italian": "Italy", "spain": "Spain", "spanish": "Spain", "ireland": "Ireland", "irish": "Ireland",
    "netherlands": "Netherlands", "dutch": "Netherlands", "israel": "Israel", "israeli": "Israel",
    "saudi arabia": "Saudi Arabia", "uae": "UAE", "united arab emirates": "UAE",
}  # fmt: skip
"""Country names and adjectives as they qualify organisations, to one short name per country."""

COUNTRY_ALT = "|".join(sorted((re.escape(c) for c in COUNTRY_FORMS), key=len, reverse=True))
_QUALIFIED_RE = re.compile(rf"^(?P<c>{COUNTRY_ALT})\s+(?P<rest>.+)$")
_GOVERNMENT_RE = re.compile(
    rf"^(?:(?P<c1>{COUNTRY_ALT})\s+government|government\s+of\s+(?:the\s+)?(?P<c2>{COUNTRY_ALT})"
    r"|(?P<hm>hm\s+government|his majesty's\s+government))$"
)
_COUNTRY_POSSESSIVE_RE = re.compile(rf"^({COUNTRY_ALT})'s\s+", re.IGNORECASE)
_BARE_GOVERNMENT = {"government", "the government"}
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_DECLARED_RE = re.compile(r"\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)\s*$")
MINISTRY_HEADS: frozenset[str] = frozenset(
    {"department", "ministry", "office", "secretary", "cabinet", "treasury", "secretariat"}
)
"""Head words of bodies that are by definition part of a government."""
PUBLIC_BODY_HEADS: frozenset[str] = MINISTRY_HEADS | {
    "institute", "agency", "authority", "council", "commission", "centre", "center", "service",
    "directorate", "executive", "bureau", "administration", "board", "regulator",
}  # fmt: skip
"""Head words of bodies that may sign for a government (used only with rule 4b's country check)."""


_LEGAL_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:Ltd|Limited|Inc|Incorporated|Corp|Corporation|plc|PLC|LLC|LLP|AG|SA|S\.A|SE|GmbH|AB|Oyj?"
    r"|ASA|AS|A/S|NV|N\.V|BV|B\.V|SpA|S\.p\.A|SAS|S\.L|SL|KK|Co|Pty|Bhd|Srl|S\.r\.l)\.?)+$"
)
"""Legal-form suffixes: "Medisys Health Ltd" and "Medisys Health" are one company (rule 1)."""


_SPELLED_OUT = ("Limited", "Incorporated", "Corporation")


def strip_legal_suffix(name: str, *, keep_words: bool = False) -> str:
    """ "Volta Motors AB" -> "Volta Motors"; a name that is only a suffix is kept as it is.

    ``keep_words``: keep a spelled-out form ("Mitsuhama Corporation" is how the company is named
    in prose; "Ltd" or "plc" is registry detail), for display.
    """
    if keep_words and name.strip().endswith(_SPELLED_OUT):
        return name.strip()
    stripped = _LEGAL_SUFFIX_RE.sub("", name.strip())
    return stripped if len(stripped) >= 2 else name.strip()


def org_key(name: str) -> str:
    """The comparison form of an organisation name (rule 1)."""
    cleaned = strip_legal_suffix(display_form(name))
    cleaned = re.sub(r"\s*&\s*", " and ", cleaned)
    cleaned = re.sub(r"[,.;:\"]", " ", cleaned)
    return " ".join(fold(cleaned).split())


def country_of_key(key: str) -> tuple[str | None, str]:
    """Split a leading country qualifier off a key: ("UK", "ai security institute")."""
    m = _QUALIFIED_RE.match(key)
    if m is None:
        return None, key
    return COUNTRY_FORMS[m.group("c")], m.group("rest")


def government_country(name: str) -> str | None:
    """ "the U.K. government" -> "UK"; None for anything that is not a named country's government."""
    m = _GOVERNMENT_RE.match(org_key(name))
    if m is None:
        return None
    if m.group("hm"):
        return "UK"
    return COUNTRY_FORMS[m.group("c1") or m.group("c2")]


def is_bare_government(name: str) -> bool:
    return org_key(name) in _BARE_GOVERNMENT


def head_words(name: str) -> set[str]:
    return set(org_key(name).split()) & PUBLIC_BODY_HEADS


def _declared_acronym(name: str) -> str | None:
    m = _DECLARED_RE.search(name.strip())
    return m.group(1).upper() if m else None


def acronym_form(name: str) -> str | None:
    """ "DSIT" -> "dsit"; "UK AISI" -> "aisi"; None for ordinary names."""
    tokens = canonical_name(name).split()
    if tokens and len(tokens) <= 2 and _ACRONYM_RE.match(tokens[-1]):
        if len(tokens) == 2 and fold(tokens[0]) not in COUNTRY_FORMS:
            return None
        return tokens[-1].lower()
    return None


def _completeness(form: str) -> tuple[int, int, int, int]:
    display = display_form(form)
    return (
        0 if acronym_form(form) else 1,
        len(display.split()),
        1 if _declared_acronym(form) else 0,
        -len(display),
    )


def display_form(name: str) -> str:
    """A name as a table shows it: "the UK's AI Security Institute" -> "UK AI Security Institute"."""
    cleaned = canonical_name(name.replace("’", "'").strip())
    cleaned = re.sub(r"^(?:the\s+)", "", cleaned, flags=re.IGNORECASE)
    possessive = _COUNTRY_POSSESSIVE_RE.match(cleaned)
    if possessive and cleaned[possessive.end() : possessive.end() + 1].isupper():
        cleaned = f"{possessive.group(1)} {cleaned[possessive.end() :]}"  # not "France economy ministry"
    return " ".join(cleaned.split())


def _acronyms(form: str) -> set[str]:
    """The acronyms a long name could be known by: "AI Security Institute" -> {"aisi", "asi"}."""
    _country, rest = country_of_key(org_key(form))
    display = display_form(form)
    stripped = " ".join(display.split()[len(display.split()) - len(rest.split()) :]) if rest else display
    out = {a.lower() for a in (acronym_of(stripped), acronym_of(display)) if a}
    initials = [w[0] for w in re.split(r"[\s,]+", stripped) if w and w[0].isupper()]
    if len(initials) >= 2:
        out.add("".join(initials).lower())
    return out


SPELLING_BLOCK_LIMIT = 50
"""A word shared by more names than this (e.g. "bank") is no evidence of a spelling variant."""


def spelling_variants(a: str, b: str) -> bool:
    """Two keys that differ by a small misspelling of one long word: same number of words, one word
    differs, by 1 edit (2 for words of 8+ letters), with the same first letter, in a name of 12+
    characters ("Kestrel Harbour Holdings" / "Kestrel Harbor Holdings"; not "Braga"/"Praga")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or min(len(a), len(b)) < 12:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if x[0] != y[0] or min(len(x), len(y)) < 5 or x.isdigit() or y.isdigit():
        return False
    return Levenshtein.distance(x, y) <= (2 if min(len(x), len(y)) >= 8 else 1)


class OrgResolver:
    """Groups organisation names by the rules in the module docstring (a small union-find)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._forms: dict[str, set[str]] = {}  # key -> raw forms
        self._parent: dict[str, str] = {}
        self._doc_alias: dict[tuple[str, str], str] = {}
        self._declared: dict[str, str] = {}  # key -> declared acronym
        self._index: dict[str, list[str]] | None = None  # root -> forms, rebuilt after a union
        self._uses: dict[str, int] = {}  # form -> how many times the rows write it
        self._preferred: set[str] = set()  # keys a source says are the current name (renames)
        for name in names:
            self.add(name)
        self._join_countries()
        self._join_acronyms()
        self._join_spellings()

    # ------------------------------------------------------------------ union-find
    def add(self, name: str) -> str:
        key = org_key(name)
        if not key:
            return key
        forms = self._forms.setdefault(key, set())
        self._uses[name.strip()] = self._uses.get(name.strip(), 0) + 1
        if name.strip() not in forms:
            forms.add(name.strip())
            self._index = None
        self._parent.setdefault(key, key)
        declared = _declared_acronym(name)
        if declared:
            self._declared[key] = declared
        return key

    def _find(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def link(self, a: str, b: str) -> None:
        """Put the groups of names ``a`` and ``b`` together (``b``'s group keeps its canonical name)."""
        ka, kb = self.add(a), self.add(b)
        if ka and kb:
            self._union(ka, kb)

    def _union(self, ka: str, kb: str) -> None:
        ra, rb = self._find(ka), self._find(kb)
        if ra != rb:
            self._parent[ra] = rb
            self._index = None

    def prefer(self, name: str) -> None:
        """Show ``name`` as its group's canonical name (a source says it is the current name)."""
        self._preferred.add(self.add(name))

    def alias_in_document(self, document_id: str, name: str, target: str) -> None:
        """Within one document only, read ``name`` (e.g. "the government") as ``target``."""
        self.add(target)
        self._doc_alias[(document_id, org_key(name))] = org_key(target)

    # ------------------------------------------------------------------ the rules
    def _join_countries(self) -> None:
        countries_by_rest: dict[str, set[str]] = {}
        for key in self._forms:
            country, rest = country_of_key(key)
            if country and rest != "government":
                countries_by_rest.setdefault(rest, set()).add(country)
        for key in list(self._forms):
            country, rest = country_of_key(key)
            if country and rest in self._forms and len(countries_by_rest.get(rest, ())) == 1:
                self._union(key, rest)
        for key in list(self._forms):  # all forms of one country's government together
            country = government_country(key)
            if country is not None:
                self.link(key, f"{country} government")

    def _join_acronyms(self) -> None:
        long_keys = [k for k in self._forms if not any(acronym_form(f) for f in self._forms[k])]
        declared_by: dict[str, set[str]] = {}
        spelled_by: dict[str, set[str]] = {}
        for k in long_keys:  # indexes by acronym: no acronym is compared with every long name
            if k in self._declared:
                declared_by.setdefault(self._declared[k].lower(), set()).add(k)
            for f in self._forms[k]:
                for letters in _acronyms(f):
                    spelled_by.setdefault(letters, set()).add(k)
        for key in list(self._forms):
            acronym = next((a for f in self._forms[key] if (a := acronym_form(f))), None)
            if acronym is None:
                continue
            declared = {self._find(k) for k in declared_by.get(acronym, ())}
            candidates = declared or {self._find(k) for k in spelled_by.get(acronym, ())}
            if len(candidates) == 1:
                self._union(key, candidates.pop())

    def _join_spellings(self) -> None:
        """Rule 5: a small spelling variant of a long name ("Medisys Health Solutions" / "Medisys
        Helath Solutions"); candidates share a word (an index by word, capped), never all pairs."""
        by_word: dict[str, list[str]] = {}
        for key in self._forms:
            for word in set(key.split()):
                if len(word) >= 4:
                    by_word.setdefault(word, []).append(key)
        for keys in by_word.values():
            if len(keys) > SPELLING_BLOCK_LIMIT:
                continue
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    if self._find(a) != self._find(b) and spelling_variants(a, b):
                        self._union(a, b)

    def _rank(self, form: str) -> tuple[int, int, int, int, int]:
        """Not an acronym, most words, most used (a spelling most sources share), declared, shortest."""
        not_acronym, words, declared, shortness = _completeness(form)
        return (not_acronym, words, self._uses.get(form, 0), declared, shortness)

    # ------------------------------------------------------------------ queries
    def group_key(self, name: str, *, document_id: str | None = None) -> str:
        key = org_key(name)
        if document_id is not None and (document_id, key) in self._doc_alias:
            key = self._doc_alias[(document_id, key)]
        if key not in self._parent:
            self.add(name)
        return self._find(key) if key else key

    def members(self, root: str) -> list[str]:
        """Every written form in the group whose root is ``root`` (an index, rebuilt after unions)."""
        if self._index is None:
            index: dict[str, list[str]] = {}
            for k, forms in self._forms.items():
                index.setdefault(self._find(k), []).extend(forms)
            self._index = {r: sorted(fs) for r, fs in index.items()}
        return self._index.get(root, [])

    def canonical(self, name: str, *, document_id: str | None = None) -> str:
        """The display name of ``name``'s group: its most complete form, or "<Country> government"."""
        root = self.group_key(name, document_id=document_id)
        forms = self.members(root)
        for form in forms:
            country = government_country(form)
            if country is not None:
                return f"{country} government"
        if not forms:
            return display_form(name)
        best = max(forms, key=lambda f: (org_key(f) in self._preferred, *self._rank(f), f))
        shown = display_form(re.sub(r"\s*\([^()]*\)\s*$", "", best)) or display_form(best)
        return strip_legal_suffix(shown, keep_words=True)
