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
from collections.abc import Sequence
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
from briefing.engines.offline.sentences import Sentence, has_verb
from briefing.engines.offline.tokens import Token, tokenize

_ACRONYM_RE = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z&.\-]{1,11})\)")
_COUNTRYISH_RE = re.compile(r"(?:[A-Z]{2,3}|(?:[A-Z]\.){2,3})")
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

    @property
    def key(self) -> str:
        return " ".join(re.sub(r"[^\w&]+", " ", self.text.casefold()).split())


class OrgSpotter:
    """Finds organisations sentence by sentence, using what the whole document says about names."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        self._text = text
        self._persons: set[str] = set()
        self._products: set[str] = set()
        self._lower_words = set(re.findall(r"\b[a-z][a-z]+\b", text))
        self._midsentence_caps: set[str] = set()
        for sentence in sentences:
            for i, tok in enumerate(tokenize(sentence.text)):
                if i and tok.is_cap and tok.is_word:
                    self._midsentence_caps.add(tok.text)
        for sentence in sentences:  # first pass: learn people and products
            self._scan(sentence, learn=True)

    def find(self, sentence: Sentence, *, exclude: Sequence[tuple[int, int]] = ()) -> list[OrgMention]:
        """Organisations in ``sentence``; ``exclude`` holds absolute spans (trigger phrases) to skip."""
        found = self._with_institutions(sentence, self._scan(sentence, learn=False))
        kept = [m for m in found if not any(m.start < e and s < m.end for s, e in exclude)]
        return kept + self._bare_governments(sentence, kept)

    def _with_institutions(self, sentence: Sentence, found: list[OrgMention]) -> list[OrgMention]:
        """ "France's economy ministry" replaces the bare possessive "France" it contains."""
        spans = lowercase_institutions(sentence.text, sentence.start, exclude=self._persons)
        extra = [OrgMention(self._text[s:e], s, e) for s, e in spans]
        if not extra:
            return found
        kept = [m for m in found if not any(x.start <= m.start and m.end <= x.end for x in extra)]
        return sorted(kept + extra, key=lambda m: m.start)

    # ------------------------------------------------------------------ candidate runs

    def _scan(self, sentence: Sentence, *, learn: bool) -> list[OrgMention]:
        tokens = tokenize(sentence.text)
        mentions: list[OrgMention] = []
        for run in _runs(sentence.text, tokens):
            if mentions and sentence.start + tokens[run[0]].start < mentions[-1].end:
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

    def _learn_person(self, name: str) -> None:
        parts = name.split()
        if parts and all(name_shaped(p) and p.lower() not in W.ORG_SUFFIXES for p in parts):
            self._persons.add(name)
            if len(parts) > 1:
                self._persons.add(parts[-1])

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
        person_shaped = (
            len(run) <= 3
            and all(name_shaped(w) for w in words)
            and not any(w.lower() in W.ORG_SUFFIXES for w in words)
        )
        if (prev_words and prev_words[-1] in W.PRODUCT_NOUNS) or (
            not last.possessive and nxt is not None and _is_product_noun(nxt, nxt2)
        ):
            if learn:
                self._products.add(first.text)
            return None
        if learn:
            if person_shaped and (
                (prev_words and prev_words[-1] in W.HONORIFICS | W.CORPORATE_ROLES)
                or (nxt is not None and nxt.lower in W.SPEECH_VERBS and len(run) >= 2)
                or (nxt is not None and nxt.text == "," and nxt2 is not None and nxt2.lower in {"who", "the"})
            ):
                self._learn_person(name)
            return None
        if name in self._persons or first.text in self._products:
            return None
        if any(w in W.GOVERNMENT_ROLES for w in prev_words) or (prev_words and prev_words[-1] in W.ROLES):
            return None  # "secretary of state for Technology", "chief executive Jane Doe"
        if person_shaped and prev_words and prev_words[-1] in W.HONORIFICS:
            return None
        if len(run) == 1 and not self._single_word_is_name(first, at_start=run[0] == 0):
            return None
        if adjective_run(words):
            return None  # "Danish", "South Korean": describes a party, is not one
        if nxt is not None and nxt.text == ":" and run[0] <= 1:
            return None  # a label such as "The Scope:"
        end = last.end
        acronym = _ACRONYM_RE.match(sentence.text, last.raw_end) if not last.possessive else None
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
        return OrgMention(
            self._text[start : sentence.start + end], start, sentence.start + end, last.possessive
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
        for m in re.finditer(r"\b(?:the|its|our)\s+(government)\b", sentence.text, re.IGNORECASE):
            if m.group(1) != "government":
                continue
            start = sentence.start + m.start(1)
            if not any(k.start <= start < k.end for k in kept):
                out.append(OrgMention("government", start, start + len("government"), government=True))
        return out


def _runs(text: str, tokens: list[Token]) -> list[list[int]]:
    """Maximal runs of capitalised words joined by spaces or name connectors (token indices)."""
    runs: list[list[int]] = []
    i = 0
    while i < len(tokens):
        if not (tokens[i].is_word and tokens[i].is_cap):
            i += 1
            continue
        run = [i]
        while not tokens[run[-1]].possessive:
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
        if tok.is_word and tok.is_cap:
            late = any(tokens[k].lower in W.LATE_CONNECTORS for k in glue)
            return None if late and is_demonym(tok.text) else [*glue, j]
        allowed = tok.lower in W.CONNECTORS or (has_of and tok.lower in W.LATE_CONNECTORS)
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
        return (not t.is_word) or (not t.is_cap) or t.lower in W.COMMON_CAPITALISED

    while run and droppable(run[0]):
        run = run[1:]
    while run and droppable(run[-1]) and not tokens[run[-1]].possessive:
        run = run[:-1]
    return run


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
