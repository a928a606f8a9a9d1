"""Spot organisation names in news sentences without a language model.

A name is a run of capitalised words (allowing "of", "for", "&" and, inside institutional names,
"and"/"the" and comma lists), optionally followed by a parenthesised acronym. Runs are then
filtered with what the sentence itself says: job titles and speech verbs mark people, "model" and
"assistant" mark products, a trailing colon marks a label, sentence-initial words are only names if
the document also capitalises them elsewhere. The spotter prefers to miss a name rather than to
invent one, because a wrong party is worse than a missing row.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.engines.offline import orgs_words as W
from briefing.engines.offline.orgs_forms import (
    adjective_run,
    is_demonym,
    legal_tail,
    lowercase_institutions,
    name_shaped,
    split_at_company,
)
from briefing.engines.offline.orgs_people import People, acts_as_organisation, agreement_starts
from briefing.engines.offline.sentences import Sentence, has_verb
from briefing.engines.offline.tokens import Token, tokenize
from briefing.vocabulary import Trigger

TICKER_RE = re.compile(
    r"\s*(?:\((?:[A-Z][A-Za-z]{1,11}(?:\s[A-Z][A-Za-z]{1,11})?\s?:\s?[A-Z0-9][A-Za-z0-9.\-]{0,11}"
    r"(?:\s?[,;/]\s?[A-Z][A-Za-z]{1,11}(?:\s[A-Z][A-Za-z]{1,11})?\s?:\s?[A-Z0-9][A-Za-z0-9.\-]{0,11})*)\)"
    r"|<[A-Z0-9][A-Z0-9\-]{0,7}(?:\.[A-Z]{1,3})?>)"
)
"""A stock ticker right after a company's name: "(LSE: HWK)", "(NYSE:X)", "(Nasdaq: ABC; TSX: ABC.U)",
"(Euronext Paris: AB)" (exchange, colon, symbol) or a Reuters instrument code "<HWK.L>"."""
_ACRONYM_RE = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z&.\-]{1,11})\)")
_COUNTRYISH_RE = re.compile(r"(?:[A-Z]{2,3}|(?:[A-Z]\.){2,3})")
_MAX_RUN = 16
"""Tokens in one name at most ("Department for Science, Innovation and Technology" has 7): a run of
capitalised text (a shouted headline, a table) is cut, so no step grows with its square."""
_COMMON_SUFFIX_RE = re.compile(r"[a-z](?:ing|ed|al|ly|ive|ous)$")


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation as written: ``page_content[start:end] == text``."""

    text: str
    start: int
    end: int
    possessive: bool = False
    government: bool = False
    """True for a bare "the government", which the caller may resolve to a country's government."""
    tail: int = 0
    """Characters after ``end`` that belong to the mention without being its name: a stock ticker,
    "(LSE: HWK)" or "<HWK.L>". Rows read past them; the name stays ``text``."""

    @property
    def reach(self) -> int:
        """Where the mention ends in the text, ticker included."""
        return self.end + self.tail

    @property
    def key(self) -> str:
        return " ".join(re.sub(r"[^\w&]+", " ", self.text.casefold()).split())


class OrgSpotter:
    """Finds organisations sentence by sentence, using what the whole document says about names."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        *,
        kinds: Mapping[int, Sequence[Trigger]] | None = None,
    ) -> None:
        """Learn the document's people and products from every sentence. ``kinds`` maps a sentence
        index to its agreement phrases (``find_kinds`` of its text), when the caller has read them."""
        self._text = text
        self._kinds = kinds
        self._persons: set[str] = set()
        self._products: set[str] = set()
        self._lower_words = set(re.findall(r"\b[a-z][a-z]+\b", text))
        self._midsentence_caps: set[str] = set()
        self._found: dict[tuple[int, int], list[OrgMention]] = {}
        self._candidates: dict[tuple[int, int], list[list[int]]] = {}
        """Each sentence's capitalised runs (by span), read in the first pass, used up in the second."""
        self._people = People()
        for sentence in sentences:  # first pass: learn people and products
            tokens = tokenize(sentence.text)
            self._midsentence_caps.update(t.text for t in tokens[1:] if t.is_cap and t.is_word)
            self._triggers: list[int] | None = None  # this sentence's agreement phrases, read on demand
            runs = self._candidates[sentence.start, sentence.end] = _runs(sentence.text, tokens)
            self._scan(sentence, tokens, runs, learn=True)
        self._persons = self._people.settle()

    def find(self, sentence: Sentence, *, exclude: Sequence[tuple[int, int]] = ()) -> list[OrgMention]:
        """Organisations in ``sentence``; ``exclude`` holds absolute spans (trigger phrases) to skip."""
        key = (sentence.start, sentence.end)
        found = self._found.get(key)
        if found is None:  # the summary and the row finder both ask: read each sentence once
            tokens = tokenize(sentence.text)
            runs = self._candidates.pop(key, None)
            if runs is None:  # a sentence the first pass did not see
                runs = _runs(sentence.text, tokens)
            found = self._found[key] = self._with_institutions(
                sentence, self._scan(sentence, tokens, runs, learn=False)
            )
        skip = _merge(exclude)
        kept = [m for m in found if not _overlaps(m.start, m.end, skip)]
        return kept + self._bare_governments(sentence, kept)

    def _with_institutions(self, sentence: Sentence, found: list[OrgMention]) -> list[OrgMention]:
        """ "France's economy ministry" replaces the bare possessive "France" it contains."""
        spans = lowercase_institutions(sentence.text, sentence.start, exclude=self._persons)
        extra = [OrgMention(self._text[s:e], s, e) for s, e in spans]
        if not extra:
            return found
        wide = _merge([(x.start, x.end) for x in extra])
        kept = [m for m in found if not _inside(m.start, m.end, wide)]
        return sorted(kept + extra, key=lambda m: m.start)

    # ------------------------------------------------------------------ candidate runs

    def _scan(
        self, sentence: Sentence, tokens: list[Token], runs: list[list[int]], *, learn: bool
    ) -> list[OrgMention]:
        mentions: list[OrgMention] = []
        for run in runs:
            if mentions and sentence.start + tokens[run[0]].start < mentions[-1].reach:
                continue  # inside the acronym of the previous name
            for part in self._split_roles(run, tokens, learn=learn):
                mention = self._judge(sentence, tokens, part, learn=learn)
                if mention is not None:
                    mentions.append(mention)
        return _drop_modifiers(sentence.text, mentions, sentence.start)

    def _split_roles(self, run: list[int], tokens: list[Token], *, learn: bool) -> list[list[int]]:
        """ "Anthropic CEO Dario Amodei" -> ["Anthropic"]; the person after the title is learned."""
        for pos, i in enumerate(run):
            if tokens[i].lower not in W.ROLES or (pos and tokens[run[pos - 1]].lower in W.CONNECTORS):
                continue
            before, after = run[:pos], run[pos + 1 :]
            if after and tokens[after[0]].lower not in W.CONNECTORS and learn:
                self._learn_person(" ".join(tokens[j].text for j in after))
            government_title = tokens[i].lower in W.GOVERNMENT_ROLES
            return [] if government_title or not before else [before]
        return [run]

    def _learn_person(self, name: str, *, weak: bool = False) -> None:
        self._people.learn(name, weak=weak)

    def _judge(
        self, sentence: Sentence, tokens: list[Token], run: list[int], *, learn: bool
    ) -> OrgMention | None:
        run = _trim(tokens, run)
        if not run:
            return None
        first, last = tokens[run[0]], tokens[run[-1]]
        words = [tokens[i].text for i in run]
        name = " ".join(words)
        prev_words = [t.lower for t in tokens[max(0, run[0] - 4) : run[0]] if t.is_word]
        nxt = tokens[run[-1] + 1] if run[-1] + 1 < len(tokens) else None
        nxt2 = tokens[run[-1] + 2] if run[-1] + 2 < len(tokens) else None
        if (prev_words and prev_words[-1] in W.PRODUCT_NOUNS) or (
            not last.possessive and nxt is not None and _is_product_noun(nxt, nxt2)
        ):
            if learn:
                self._products.add(first.text)
            return None
        if learn:
            if (
                (prev_words and prev_words[-1] in _TITLES_BEFORE_PERSON)
                or (nxt is not None and nxt.text == "," and nxt2 is not None and nxt2.lower in {"who", "the"})
            ) and _person_shaped(words):
                self._learn_person(name)
            elif nxt is not None and nxt.lower in W.SPEECH_VERBS and len(run) >= 2 and _person_shaped(words):
                self._learn_person(name, weak=True)  # companies speak too: see orgs_people
            if self._triggers is None:
                kinds = self._kinds
                self._triggers = (
                    agreement_starts(sentence.text)
                    if kinds is None
                    else [t.start for t in kinds[sentence.index]]
                )
            if acts_as_organisation(tokens, run, self._triggers):
                self._people.acting(name)
            return None
        if name in self._persons or first.text in self._products:
            return None
        if any(w in W.GOVERNMENT_ROLES for w in prev_words) or (prev_words and prev_words[-1] in W.ROLES):
            return None  # "secretary of state for Technology", "chief executive Jane Doe"
        if prev_words and prev_words[-1] in W.HONORIFICS and _person_shaped(words):
            return None
        if len(run) == 1 and not self._single_word_is_name(first, at_start=run[0] == 0):
            return None
        if adjective_run(words):
            return None  # "Danish", "South Korean": describes a party, is not one
        if nxt is not None and nxt.text == ":" and run[0] <= 1:
            return None  # a label such as "The Scope:"
        end = last.end
        ticker = TICKER_RE.match(sentence.text, last.raw_end) if not last.possessive else None
        acronym = (
            _ACRONYM_RE.match(sentence.text, last.raw_end) if not last.possessive and not ticker else None
        )
        legal = legal_tail(sentence.text, last.end) if last.lower in W.COMPANY_FORMS else None
        if acronym:
            end = acronym.end()
        elif legal is not None:
            end = legal  # "Hoshizora Robotics Co., Ltd."
        elif len(run) == 1 and _COUNTRYISH_RE.fullmatch(first.text) and not last.possessive and nxt:
            if nxt.text == "government":
                end = nxt.end  # "UK government", "U.K. government"
            elif nxt.text[:1].islower() and not _verb_like(nxt.lower):
                return None  # "UK startup community": a country used as an adjective
        start = sentence.start + first.start
        tail = ticker.end() - end if ticker else 0
        return OrgMention(
            self._text[start : sentence.start + end], start, sentence.start + end, last.possessive, tail=tail
        )

    def _single_word_is_name(self, tok: Token, *, at_start: bool) -> bool:
        if tok.lower in W.GENERIC_SINGLE or tok.lower in W.COMMON_CAPITALISED:
            return False
        if not at_start or tok.text.isupper() or any(c.isupper() for c in tok.text[1:]):
            return True
        if _COMMON_SUFFIX_RE.search(tok.text):
            return False  # "Evaluating", "Additional": a sentence-opening word, not a name
        return tok.text in self._midsentence_caps or tok.lower not in self._lower_words

    def _bare_governments(self, sentence: Sentence, kept: list[OrgMention]) -> list[OrgMention]:
        out = []
        taken = _merge([(k.start, k.end) for k in kept])
        for m in re.finditer(r"\b(?:the|its|our)\s+(government)\b", sentence.text, re.IGNORECASE):
            if m.group(1) != "government":
                continue
            start = sentence.start + m.start(1)
            if not _overlaps(start, start + 1, taken):
                out.append(OrgMention("government", start, start + len("government"), government=True))
        return out


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, with overlapping ones joined, for ``_overlaps`` and ``_inside``."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Does ``[start, end)`` overlap one of ``spans`` (sorted by start, not overlapping each other)?

    A binary search, so that checking every name of a run-on paragraph stays linear overall.
    """
    i = bisect_left(spans, (end, end))  # spans starting at or after ``end`` cannot overlap
    return i > 0 and spans[i - 1][1] > start


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Does one of ``spans`` (sorted, not overlapping) contain ``[start, end)``?"""
    i = bisect_right(spans, (start, sys.maxsize))
    return i > 0 and spans[i - 1][0] <= start and end <= spans[i - 1][1]


_LOWERCASE_FORMS = frozenset({"plc", "ltd", "llc", "llp", "inc", "gmbh", "pty", "pte", "bv", "nv", "oyj"})
"""Legal forms also written in lower case ("Braemore Steel plc"); words like "as" or "co" are left out."""


def _runs(text: str, tokens: list[Token]) -> list[list[int]]:
    """Maximal runs of capitalised words joined by spaces or name connectors (token indices)."""
    runs: list[list[int]] = []
    i = 0
    while i < len(tokens):
        if not (tokens[i].is_word and tokens[i].is_cap):
            i += 1
            continue
        run = [i]
        while not tokens[run[-1]].possessive and len(run) < _MAX_RUN:
            step = _next_in_name(text, tokens, run)
            if step is None:
                break
            run.extend(step)
        runs.extend(split_at_company(run, [tokens[i].text for i in run]))
        i = run[-1] + 1
    return runs


def _next_in_name(text: str, tokens: list[Token], run: list[int]) -> list[int] | None:
    j = run[-1] + 1
    if j >= len(tokens):
        return None
    lowers = {tokens[k].lower for k in run}
    has_of = bool(lowers & {"of", "for"})
    glue: list[int] = []
    while j < len(tokens) and len(glue) < 2:
        tok = tokens[j]
        gap = text[tokens[j - 1].raw_end : tok.start]
        if gap.strip():
            return None
        if tok.is_word and not tok.is_cap and not glue and tok.lower in _LOWERCASE_FORMS:
            return [j]  # "Braemore Steel plc": a legal form closes the name whatever its case
        if tok.is_word and tok.is_cap:
            late = any(tokens[k].lower in W.LATE_CONNECTORS for k in glue)
            return None if late and is_demonym(tok.text) else [*glue, j]
        # "Department of Science and Technology" is one name, "Lloyd's of London and Harcourt Re" two:
        # a late "and" joins only inside an institution's name.
        late_ok = tok.lower != "and" or any(tokens[k].lower in W.INSTITUTION_HEADS for k in run)
        allowed = tok.lower in W.CONNECTORS or (has_of and tok.lower in W.LATE_CONNECTORS and late_ok)
        comma_list = tok.text == "," and has_of and tokens[run[0]].lower in W.INSTITUTION_HEADS
        if not (allowed or comma_list):
            return None
        glue.append(j)
        j += 1
    return None


def _trim(tokens: list[Token], run: list[int]) -> list[int]:
    """Drop sentence-opening words and dangling connectors from both ends of a run."""

    def droppable(i: int) -> bool:
        t = tokens[i]
        if t.is_word and t.lower in _LOWERCASE_FORMS:
            return False
        return (not t.is_word) or (not t.is_cap) or t.lower in W.COMMON_CAPITALISED

    while run and droppable(run[0]):
        run = run[1:]
    while run and droppable(run[-1]) and not tokens[run[-1]].possessive:
        run = run[:-1]
    return run


_TITLES_BEFORE_PERSON = W.HONORIFICS | W.CORPORATE_ROLES


def _person_shaped(words: list[str]) -> bool:
    """Up to three name-shaped words with no company form ("Jane Doe", not "Acme Ltd")."""
    return (
        len(words) <= 3
        and all(name_shaped(w) for w in words)
        and not any(w.lower() in W.ORG_SUFFIXES for w in words)
    )


def _verb_like(word: str) -> bool:
    return word in {"and", "or"} or has_verb(word)


def _is_product_noun(nxt: Token, nxt2: Token | None) -> bool:
    if nxt.lower in W.PRODUCT_NOUNS:
        return True
    return nxt.text == "AI" and nxt2 is not None and nxt2.lower in W.PRODUCT_NOUNS


def _drop_modifiers(text: str, mentions: list[OrgMention], offset: int) -> list[OrgMention]:
    """ "UK's Department for ..." names one organisation: the possessive country is a modifier."""
    kept = []
    for i, m in enumerate(mentions):
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        if m.possessive and following and not text[m.end - offset : following.start - offset].strip(" '’s"):
            continue
        kept.append(m)
    return kept
