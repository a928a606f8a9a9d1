"""Organisation names and the other ways news text writes them.

"Department for Science, Innovation and Technology (DSIT)", "DSIT", "the U.K. government",
"the government of the UK" and "Britain's government" name the same parties. Grounding uses this
to check that a party occurs in its quote; consolidation uses ``canonical_name`` to merge rows.
The rules are deliberately light and general (articles, possessives, dotted acronyms, acronyms in
parentheses, "X government" forms, a few country names): nothing here knows a particular story.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.models import Span

_PAREN_ACRONYM = re.compile(r"\s*\(\s*([A-Z](?:[A-Za-z&]|\.(?=\w))*[A-Z]\.?)\s*\)")
_ACRONYM_FIRST = re.compile(r"^(?P<acronym>[A-Z][A-Z.&]{1,11})\s*\((?P<full>[^()]{3,160})\)$")
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_GOV_OF = re.compile(r"^(?:the\s+)?government\s+of\s+(?:the\s+)?(?P<core>.+)$", re.IGNORECASE)
_X_GOV = re.compile(r"^(?P<core>.+?)(?:['’]s)?\s+government$", re.IGNORECASE)
_CONNECTORS = frozenset(
    {"of", "and", "for", "the", "&", "on", "in", "to", "a", "an", "de", "du", "la", "des"}
)
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w&'’.-]*(?:,?\s+(?:(?:of|and|for|the|&|on|de|du|des)\s+)*[A-Z][\w&'’.-]*)+"
)

# A country, the other names news text uses for it, and (after "|") adjectives that name its
# government only together with the word ("British government", never "British" alone).
_COUNTRIES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("UK", "United Kingdom", "Britain", "Great Britain"), ("British",)),
    (("US", "United States", "United States of America", "USA", "America"), ("American", "U.S.")),
    (("EU", "European Union"), ("European",)),
    (("Japan",), ("Japanese",)),
    (("France",), ("French",)),
    (("Germany",), ("German",)),
    (("Canada",), ("Canadian",)),
    (("Australia",), ("Australian",)),
    (("India",), ("Indian",)),
    (("China",), ("Chinese",)),
    (("South Korea", "Korea", "Republic of Korea"), ("Korean", "South Korean")),
    (("Singapore",), ("Singaporean",)),
)


def canonical_name(name: str) -> str:
    """A light canonical form: no leading "the", no possessive, "U.K." as "UK", no "(ACRONYM)"."""
    text = " ".join(name.replace("’", "'").split()).strip(" ,;:")
    reverse = _ACRONYM_FIRST.match(text)
    if reverse and _is_acronym(reverse["acronym"]):
        text = reverse["full"]  # "DSIT (Department for ...)" names the department
    text = _PAREN_ACRONYM.sub("", text)
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
    text = _LEADING_THE.sub("", text)
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    return " ".join(text.split())


def acronym_of(name: str) -> str | None:
    """The acronym a name is known by: one given in parentheses, else its initials if it has 2+ words.

    Words already in capitals keep all their letters ("AI Security Institute" -> "AISI"); a
    lowercase content word means the name is not a proper name, so no acronym is derived.
    """
    paren = _PAREN_ACRONYM.search(name)
    if paren:
        return paren.group(1).replace(".", "")
    reverse = _ACRONYM_FIRST.match(" ".join(name.split()))
    if reverse and _is_acronym(reverse["acronym"]):
        return reverse["acronym"].replace(".", "")
    words = [w for w in re.split(r"[\s,]+", canonical_name(name)) if w]
    significant = [w for w in words if w.lower() not in _CONNECTORS]
    if len(significant) < 2:
        return None
    letters: list[str] = []
    for word in significant:
        if word.isupper() and word.isalpha() and len(word) <= 5:
            letters.append(word)
        elif word[0].isupper():
            letters.append(word[0])
        else:
            return None
    return "".join(letters)


def _is_acronym(text: str) -> bool:
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isupper() and bare.isalpha()


def _dotted(token: str) -> str:
    return "".join(f"{ch}." for ch in token)


def country_of(word: str) -> str | None:
    """The country ``word`` names or qualifies ("U.K.", "Britain", "British" -> "UK"), else ``None``."""
    core = _DOTTED.sub(lambda m: m.group().replace(".", ""), word.replace("’", "'").strip())
    core = re.sub(r"^the\s+|'s$", "", core, flags=re.IGNORECASE)
    for names, adjectives in _COUNTRIES:
        if any(core.casefold() == f.replace(".", "").casefold() for f in names + adjectives):
            return names[0]
    return None


def _country_forms(core: str) -> tuple[set[str], set[str]]:
    """(names, adjectives) of the country ``core`` names, or just ``core`` if it is not a country."""
    for names, adjectives in _COUNTRIES:
        if any(core.casefold() == f.casefold() for f in names + adjectives):
            return set(names), set(adjectives)
    return {core}, set()


@lru_cache(maxsize=4096)
def _variants(name: str) -> frozenset[str]:
    base = canonical_name(name)
    if not base:
        return frozenset()
    out = {base}
    given = acronym_of(name)
    if given and (_PAREN_ACRONYM.search(name) or _ACRONYM_FIRST.match(" ".join(name.split()))):
        out.add(given)
    derived = acronym_of(base)
    if derived and len(derived) >= 3:
        out.add(derived)
    country_names, _ = _country_forms(base)
    out.update(country_names)
    gov = _GOV_OF.match(base) or _X_GOV.match(base)
    if gov:
        names, adjectives = _country_forms(canonical_name(gov.group("core")))
        for core in names:
            out.update({core, f"{core} government", f"government of {core}", f"government of the {core}"})
            out.add(f"{core}'s government")
        out.update(f"{adjective} government" for adjective in adjectives)
    out.update({re.sub(r"\b[A-Z]{2,3}\b", lambda m: _dotted(m.group()), v) for v in out})
    return frozenset(v for v in out if v)


def name_variants(name: str) -> set[str]:
    """Every form of ``name`` that counts as naming it (without "the" or a possessive, which are free)."""
    return set(_variants(name))


@lru_cache(maxsize=4096)
def _pattern(variant: str) -> re.Pattern[str]:
    body = re.escape(variant).replace(r"\ ", r"\s+").replace("'", "['’]")
    flags = 0 if _is_acronym(variant) else re.IGNORECASE
    return re.compile(rf"(?<![\w.]){body}(?!\w)", flags)


def find_name(name: str, text: str) -> Span | None:
    """The first place ``text`` names ``name`` in any accepted form, or ``None``."""
    best: Span | None = None
    for variant in _variants(name):
        m = _pattern(variant).search(text)
        if m and (best is None or (m.start(), -m.end()) < (best.start, -best.end)):
            best = Span(m.start(), m.end())
    if best is None and _is_acronym(canonical_name(name)):
        wanted = canonical_name(name).replace(".", "")
        for m in _CAPITALISED_RUN.finditer(text):
            if acronym_of(m.group()) == wanted:
                return Span(m.start(), m.end())
    return best
