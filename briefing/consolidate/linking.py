"""Build the organisation resolver for one corpus: names from the rows plus the links the sources make.

``orgs.OrgResolver`` knows how names are written; this module adds what only the corpus can say:

* a bare "the government" in a document that names exactly one country's government is that
  government (in that document only);
* a public body joins "<Country> government" only when the sources both *qualify* it with that
  country (a form such as "UK Department for ..." or a text reading "UK's Department for ...", and
  no other country) *and* tie it to that government, by either
  (a) one evidence quote that names the government and the body, for ministry-type bodies
      (Department, Ministry, Office, ...: part of a government by definition), or
  (b) one document reporting the same agreement on the same day twice, once with the government
      and once with the body, all other parties equal (any public body: institute, agency, ...).
Anything weaker (the two merely appear in the same article) links nothing: a wrong link would merge
two different agreements, a missing one only leaves a second row in the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

from briefing.consolidate.aliases import Rename, find_aliases
from briefing.consolidate.compat import parse_loose
from briefing.consolidate.orgs import (
    COUNTRY_ALT,
    COUNTRY_FORMS,
    MINISTRY_HEADS,
    OrgResolver,
    acronym_form,
    country_of_key,
    display_form,
    government_country,
    head_words,
    is_bare_government,
    org_key,
)
from briefing.models import Evidence, Extraction
from briefing.names import acronym_of, find_name

_GOV_MENTION_RE = re.compile(
    rf"\b(?:(?P<c1>{COUNTRY_ALT})(?:'s)?\s+government|government\s+of\s+(?:the\s+)?(?P<c2>{COUNTRY_ALT})"
    r"|(?P<hm>HM\s+Government|His\s+Majesty's\s+Government))\b",
    re.IGNORECASE,
)
_DOTTED_RE = re.compile(r"\b((?:[A-Z]\.){2,})")
_CAPITALISED_TAIL_RE = re.compile(
    r"[A-Z][\w&'’.-]*(?:,?\s+(?:(?:of|and|for|the|&|on)\s+)*[A-Z][\w&'’.-]*)*\s*$"
)


def _plain(text: str) -> str:
    """Straight apostrophes and undotted acronyms ("U.K." -> "UK"), for detection only."""
    return _DOTTED_RE.sub(lambda m: m.group().replace(".", ""), text.replace("’", "'"))


def governments_named(text: str) -> set[str]:
    """Countries whose government ``text`` names ("the U.K. government", "government of Japan")."""
    found: set[str] = set()
    if "government" not in text.lower():  # a cheap test before the long case-insensitive pattern
        return found
    for m in _GOV_MENTION_RE.finditer(_plain(text)):
        if m.group("hm"):
            found.add("UK")
            continue
        word = m.group("c1") or m.group("c2")
        if len(word) <= 3 and not word.isupper():  # "us government" is not the US government
            continue
        found.add(COUNTRY_FORMS[word.lower()])
    return found


def declared_long_form(acronym: str, text: str) -> str | None:
    """The name ``text`` itself spells out for ``acronym``: "... AI Security Institute (AISI)" -> that
    name, but only if its initials give the acronym (leading words such as "Britain's" are dropped)."""
    for m in re.finditer(rf"\(\s*{re.escape(acronym)}\s*\)", text):
        run = _CAPITALISED_TAIL_RE.search(text[max(0, m.start() - 160) : m.start()])
        words = run.group().split() if run else []
        while words:
            candidate = " ".join(words)
            if (acronym_of(candidate) or "").upper() == acronym.upper():
                return candidate.rstrip(",")
            words = words[1:]
    return None


def build_resolver(
    extractions: Sequence[Extraction], texts: Mapping[str, str], renames: Sequence[Rename] = ()
) -> OrgResolver:
    """The resolver for this corpus (``texts``: document id -> page_content).

    A bare acronym party ("AISI") also brings in the long form its own document declares for it
    ("AI Security Institute (AISI)"), so the table can show the full name. Names the sources give
    side by side (``aliases.find_aliases``) are one organisation; a renamed body (``renames``) is
    one organisation shown under its new name.
    """
    names = [p.value for e in extractions for r in e.rows for p in r.parties]
    for extraction in extractions:
        for row in extraction.rows:
            for party in row.parties:
                acronym = (acronym_form(party.value) or "").upper()
                long_form = (
                    declared_long_form(acronym, texts.get(extraction.document_id, "")) if acronym else None
                )
                if long_form:
                    names.append(f"{long_form} ({acronym})")
    names += [n for r in renames for n in (r.old, r.new)]
    resolver = OrgResolver(names)
    for rename in renames:
        resolver.link(rename.old, rename.new)
        resolver.prefer(rename.new)
    for alias in find_aliases(
        texts, known={org_key(p.value) for e in extractions for r in e.rows for p in r.parties}
    ):
        resolver.link(alias.a, alias.b)
    for extraction in extractions:
        named = governments_named(texts.get(extraction.document_id, ""))
        if len(named) != 1:
            continue
        country = next(iter(named))
        for row in extraction.rows:
            for party in row.parties:
                if is_bare_government(party.value):
                    resolver.alias_in_document(extraction.document_id, party.value, f"{country} government")
    qualifiers = _Qualifiers(texts)
    _link_by_quotes(resolver, extractions, qualifiers)
    _link_by_parallel_rows(resolver, extractions, qualifiers)
    return resolver


_QUALIFIED_BODY_RE = re.compile(
    rf"\b((?i:{COUNTRY_ALT}))(?:'s)?\s+(?:the\s+)?([A-Z][\w&-]*(?:,?\s+(?:(?:of|for|and|the|on|&)\s+)*[A-Z][\w&-]*){{0,6}})"
)


class _Qualifiers:
    """Which countries the texts put in front of a name ("UK's Department for ..."), read once.

    The capitalised runs after a country word are indexed by their first word, so asking about a
    body costs a dictionary lookup, not a scan of every text.
    """

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._runs: dict[str, list[tuple[str, str]]] | None = None

    def _index(self) -> dict[str, list[tuple[str, str]]]:
        if self._runs is None:
            runs: dict[str, list[tuple[str, str]]] = {}
            for text in self._texts.values():
                for m in _QUALIFIED_BODY_RE.finditer(_plain(text)):
                    word = m.group(1)
                    if len(word) <= 3 and not word.isupper():
                        continue
                    run = " ".join(m.group(2).split()).casefold()
                    runs.setdefault(run.split()[0], []).append((COUNTRY_FORMS[word.lower()], run))
            self._runs = runs
        return self._runs

    def countries(self, forms: Iterable[str]) -> set[str]:
        """Countries that the forms themselves or the texts put in front of a body's name."""
        found: set[str] = set()
        for form in forms:
            country, _rest = country_of_key(org_key(form))
            words = display_form(form).split()
            if country:
                found.add(country)
                words = words[1:]
            if not words:
                continue
            bare = " ".join(words).casefold()
            for qualifier, run in self._index().get(bare.split()[0], ()):
                if run == bare or run.startswith((bare + " ", bare + ",")):
                    found.add(qualifier)
        return found


def _candidate_groups(resolver: OrgResolver, names: Iterable[str]) -> dict[str, list[str]]:
    """Groups (root -> forms) of non-government bodies whose name has a public-body head word."""
    groups: dict[str, list[str]] = {}
    for name in names:
        if government_country(name) or is_bare_government(name):
            continue
        root = resolver.group_key(name)
        forms = resolver.members(root)
        if any(head_words(f) for f in forms):
            groups[root] = forms
    return groups


def _evidence_of(extraction: Extraction) -> list[Evidence]:
    fields = [*extraction.summary, *extraction.key_points]
    for row in extraction.rows:
        fields.extend((*row.parties, row.kind))
        fields.extend(f for f in (row.date, row.status, row.scope) if f is not None)
    return [f.evidence for f in fields]


def _link_by_quotes(
    resolver: OrgResolver, extractions: Sequence[Extraction], qualifiers: _Qualifiers
) -> None:
    names = {p.value for e in extractions for r in e.rows for p in r.parties}
    groups = {
        root: forms
        for root, forms in _candidate_groups(resolver, names).items()
        if any(head_words(f) & MINISTRY_HEADS for f in forms)
    }
    if not groups:
        return
    by_country: dict[str, list[list[str]]] = {}
    for forms in groups.values():
        qualified = qualifiers.countries(forms)
        if len(qualified) == 1:
            by_country.setdefault(next(iter(qualified)), []).append(forms)
    for extraction in extractions:
        for evidence in _evidence_of(extraction):
            named = governments_named(evidence.quote)
            if len(named) != 1:
                continue
            country = next(iter(named))
            for forms in by_country.get(country, ()):
                if any(find_name(f, evidence.quote) for f in forms):
                    resolver.link(forms[0], f"{country} government")


def _link_by_parallel_rows(
    resolver: OrgResolver, extractions: Sequence[Extraction], qualifiers: _Qualifiers
) -> None:
    for extraction in extractions:
        doc = extraction.document_id
        rows = []
        for row in extraction.rows:
            when = parse_loose(row.date.value) if row.date else None
            if when is None or not when.precise:
                continue
            rows.append((when, {resolver.group_key(p.value, document_id=doc): p.value for p in row.parties}))
        for (d1, p1), (d2, p2) in combinations(rows, 2):
            only1, only2 = p1.keys() - p2.keys(), p2.keys() - p1.keys()
            if d1 != d2 or len(only1) != 1 or len(only2) != 1 or not (p1.keys() & p2.keys()):
                continue
            (k1,), (k2,) = only1, only2
            for gov_key, body_key, body_name in ((k1, k2, p2[k2]), (k2, k1, p1[k1])):
                country = _government_of_group(resolver, gov_key)
                if country is None or _government_of_group(resolver, body_key) is not None:
                    continue
                forms = resolver.members(body_key)
                if not any(head_words(f) for f in forms):
                    continue
                if qualifiers.countries(forms) == {country}:
                    resolver.link(body_name, f"{country} government")


def _government_of_group(resolver: OrgResolver, root: str) -> str | None:
    for form in resolver.members(root):
        country = government_country(form)
        if country is not None:
            return country
    return None
