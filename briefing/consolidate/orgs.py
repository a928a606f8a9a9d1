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

from briefing.consolidate.orgnames import (
    COUNTRY_ALT,
    COUNTRY_FORMS,
    MINISTRY_HEADS,
    PUBLIC_BODY_HEADS,
    SPELLING_BLOCK_LIMIT,
    acronym_form,
    acronyms_of_form,
    completeness,
    country_of_key,
    declared_acronym,
    display_form,
    government_country,
    head_words,
    is_bare_government,
    org_key,
    spelling_variants,
    strip_legal_suffix,
)

__all__ = [
    "COUNTRY_ALT",
    "COUNTRY_FORMS",
    "MINISTRY_HEADS",
    "PUBLIC_BODY_HEADS",
    "OrgResolver",
    "acronym_form",
    "country_of_key",
    "display_form",
    "government_country",
    "head_words",
    "is_bare_government",
    "org_key",
    "spelling_variants",
    "strip_legal_suffix",
]


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
        self._shown: dict[str, str] = {}  # root -> canonical name; cleared whenever a group changes
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
        self._shown.clear()  # a use count or a form changes the group's best form
        forms = self._forms.setdefault(key, set())
        self._uses[name.strip()] = self._uses.get(name.strip(), 0) + 1
        if name.strip() not in forms:
            forms.add(name.strip())
            self._index = None
        self._parent.setdefault(key, key)
        declared = declared_acronym(name)
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
            self._shown.clear()

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
                for letters in acronyms_of_form(f):
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
        not_acronym, words, declared, shortness = completeness(form)
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
        if root in self._shown:
            return self._shown[root]
        forms = self.members(root)
        if not forms:
            return display_form(name)
        self._shown[root] = self._best(forms)
        return self._shown[root]

    def _best(self, forms: list[str]) -> str:
        for form in forms:
            country = government_country(form)
            if country is not None:
                return f"{country} government"
        best = max(forms, key=lambda f: (org_key(f) in self._preferred, *self._rank(f), f))
        shown = display_form(re.sub(r"\s*\([^()]*\)\s*$", "", best)) or display_form(best)
        return strip_legal_suffix(shown, keep_words=True)
