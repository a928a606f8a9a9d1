"""The grounding case table: quotes a checker must accept (benign drift) or reject (harmful change).

Shared by ``tests/test_grounding_cases.py`` and by ``bench/langextract_compare.py``, so it imports
nothing but the standard library. The texts are written for this table (not the sample corpus).
Each case is labelled ``accept`` or ``reject``; ``place`` is where an accepted quote must land,
written as the exact source substring (checked against ``text[start:end]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Expect = Literal["accept", "reject"]

UK = (
    "LONDON — The U.K. government said on Tuesday it had signed a memorandum of understanding with "
    "Anthropic, the San Francisco–based AI company. “We’re not handing over public data,” a spokesperson "
    "said.  The Department for Science, Innovation and Technology (DSIT) expects 70% of the pilots to "
    "start in March 2025.\n\nOfficials said the agreement would strengthen national secu-\nrity and "
    "would not replace existing contracts. Anthropic’s chief executive, Dario Amodei, said the company "
    "would invest $15 million over three years in the organisation's new London office.\n\n"
    "The deal was first reported on 14 February 2025. Critics said the government had never published "
    "the terms, and that the pilots would run without independent oversight. The agreement is "
    "non-binding. A second round of talks is planned for the autumn, when ministers will review "
    "the agreement and decide whether to extend it to other departments."
)
JP = (
    "日本政府は2025年3月1日、ＡＩ企業のアンソロピックと覚書を締結したと発表した。"
    "両者はＡＩの安全性に関する研究で協力する。契約は法的拘束力を持たない。"
)
FR = (
    "Le ministère de l’Économie a signé un protocole d’accord avec Mistral AI à Paris le 3 février 2025. "
    "« Ce n’est pas un partenariat exclusif », a précisé la ministre, qui veut étendre la coopération."
)
INVISIBLE = (
    "The two agencies announced a new part\u00adnership on AI safety re\u200bsearch in Ottawa on Monday."
)
SHORT = "Talks ended."


@dataclass(frozen=True, slots=True)
class QuoteCase:
    id: str
    what: str
    text: str
    quote: str
    expect: Expect
    place: str | None = None
    """For accepted cases: the source substring the quote must resolve to."""
    hint_of: str | None = None
    """A source substring whose first occurrence is passed as the hint (span of that occurrence)."""


@dataclass(frozen=True, slots=True)
class ValueCase:
    id: str
    what: str
    check: Literal["party", "date", "kind", "status", "scope"]
    value: str
    span: str
    expect: Expect
    anchor: date | None = None


Q = QuoteCase
QUOTE_CASES: tuple[QuoteCase, ...] = (
    # ------------------------------------------------------------------ benign drift: accept
    Q("exact", "verbatim substring", UK, "it had signed a memorandum of understanding with Anthropic", "accept",
      "it had signed a memorandum of understanding with Anthropic"),
    Q("apostrophe-straight", "straight apostrophe for curly", UK, "We're not handing over public data", "accept",
      "We’re not handing over public data"),
    Q("quotes-straight", "straight double quotes for curly", UK,
      '"We\'re not handing over public data," a spokesperson said.', "accept",
      "“We’re not handing over public data,” a spokesperson said."),
    Q("apostrophe-curly", "curly apostrophe for straight", UK, "in the organisation’s new London office", "accept",
      "in the organisation's new London office"),
    Q("newline-inside", "a newline inside the quote", UK, "signed a memorandum of\nunderstanding with Anthropic",
      "accept", "signed a memorandum of understanding with Anthropic"),
    Q("double-space", "a double space inside the quote", UK, "the pilots to  start in March 2025", "accept",
      "the pilots to start in March 2025"),
    Q("source-double-space", "source has a double space, quote a single one", UK,
      "a spokesperson said. The Department for Science", "accept", "a spokesperson said.  The Department for Science"),
    Q("hyphen-linebreak", "word hyphenated across a line break in the source", UK,
      "would strengthen national security and would not replace existing contracts", "accept",
      "would strengthen national secu-\nrity and would not replace existing contracts"),
    Q("hyphen-linebreak-copied", "quote copied with the line-break hyphen", UK, "national secu-\nrity and",
      "accept", "national secu-\nrity and"),
    Q("case-upper", "a change of case", UK, "THE U.K. GOVERNMENT SAID ON TUESDAY IT HAD SIGNED", "accept",
      "The U.K. government said on Tuesday it had signed"),
    Q("case-lower", "lower-cased sentence start", UK, "officials said the agreement would strengthen", "accept",
      "Officials said the agreement would strengthen"),
    Q("dash-hyphen", "hyphen for an en dash", UK, "the San Francisco-based AI company", "accept",
      "the San Francisco–based AI company"),
    Q("dash-spaced", "spaced double hyphen for an em dash", UK, "LONDON -- The U.K. government said", "accept",
      "LONDON — The U.K. government said"),
    Q("ellipsis-near", "an ellipsis joining two nearby spans", UK,
      "The U.K. government said on Tuesday ... a memorandum of understanding with Anthropic", "accept",
      "The U.K. government said on Tuesday it had signed a memorandum of understanding with Anthropic"),
    Q("ellipsis-char", "the ellipsis character joining spans of one sentence", UK,
      "Critics said the government had never published the terms, … without independent oversight", "accept",
      "Critics said the government had never published the terms, and that the pilots would run without "
      "independent oversight"),
    Q("ellipsis-bracket", "a bracketed ellipsis", UK,
      "Anthropic’s chief executive, Dario Amodei, said [...] $15 million over three years", "accept",
      "Anthropic’s chief executive, Dario Amodei, said the company would invest $15 million over three years"),
    Q("ellipsis-leading", "a leading ellipsis only", UK, "...expects 70% of the pilots to start in March 2025",
      "accept", "expects 70% of the pilots to start in March 2025"),
    Q("wrapped-quotes", "the model wrapped the quote in quotation marks", UK,
      '"the government had never published the terms"', "accept", "the government had never published the terms"),
    Q("outer-space", "leading and trailing whitespace", UK, "   The agreement is non-binding.  \n", "accept",
      "The agreement is non-binding."),
    Q("typo-fuzzy", "one-letter typo in a long quote", UK,
      "Anthropic’s chief executive, Dario Amodei, said the compnay would invest $15 million over three years",
      "accept", "Anthropic’s chief executive, Dario Amodei, said the company would invest $15 million over three years"),
    Q("spelling-fuzzy", "British/American spelling in a long quote", UK,
      "said the company would invest $15 million over three years in the organization's new London office",
      "accept", "said the company would invest $15 million over three years in the organisation's new London office"),
    Q("comma-fuzzy", "a dropped comma in a long quote", UK,
      "Critics said the government had never published the terms and that the pilots would run without "
      "independent oversight", "accept",
      "Critics said the government had never published the terms, and that the pilots would run without "
      "independent oversight"),
    Q("soft-hyphen", "soft hyphen and zero-width space in the source", INVISIBLE,
      "announced a new partnership on AI safety research", "accept",
      "announced a new part\u00adnership on AI safety re\u200bsearch"),
    Q("japanese-exact", "Japanese substring", JP, "アンソロピックと覚書を締結したと発表した", "accept",
      "アンソロピックと覚書を締結したと発表した"),
    Q("japanese-width", "half-width AI for full-width ＡＩ in Japanese", JP, "AI企業のアンソロピックと覚書を締結した",
      "accept", "ＡＩ企業のアンソロピックと覚書を締結した"),
    Q("accent-apostrophe", "French with a straight apostrophe", FR,
      "Le ministère de l'Économie a signé un protocole d'accord", "accept",
      "Le ministère de l’Économie a signé un protocole d’accord"),
    Q("accent-nfd", "decomposed accents (NFD) in the quote", FR, "a pre\u0301cise\u0301 la ministre", "accept",
      "a précisé la ministre"),
    Q("accent-case", "upper-cased accented text", FR, "LE MINISTÈRE DE L’ÉCONOMIE A SIGNÉ", "accept",
      "Le ministère de l’Économie a signé"),
    Q("short-once", "a short quote that occurs once", FR, "Mistral AI", "accept", "Mistral AI"),
    Q("short-twice-hint", "short quote twice, hint picks the second", UK, "the agreement", "accept",
      "the agreement", hint_of="review the agreement"),
    # ------------------------------------------------------------------ harmful change: reject
    Q("wrong-partner", "a wrong partner name", UK,
      "it had signed a memorandum of understanding with OpenAI, the San Francisco–based AI company", "reject"),
    Q("wrong-partner-typo", "partner name with one letter changed", UK,
      "it had signed a memorandum of understanding with Anthropix, the San Francisco–based AI company", "reject"),
    Q("wrong-person", "a changed first name", UK,
      "Anthropic’s chief executive, Daniela Amodei, said the company would invest $15 million over three years",
      "reject"),
    Q("dropped-not", "a dropped 'not'", UK,
      "Officials said the agreement would strengthen national security and would replace existing contracts.",
      "reject"),
    Q("added-not", "an added 'not'", UK,
      "Anthropic’s chief executive, Dario Amodei, said the company would not invest $15 million over three years",
      "reject"),
    Q("dropped-nt", "a dropped n't", UK, "“We’re handing over public data,” a spokesperson said.", "reject"),
    Q("dropped-never", "a dropped 'never'", UK,
      "Critics said the government had published the terms, and that the pilots would run without independent "
      "oversight", "reject"),
    Q("without-to-with", "'without' changed to 'with'", UK,
      "Critics said the government had never published the terms, and that the pilots would run with independent "
      "oversight", "reject"),
    Q("non-binding", "'non-binding' changed to 'binding'", UK, "The agreement is binding.", "reject"),
    Q("changed-percent", "70% changed to 71%", UK,
      "The Department for Science, Innovation and Technology (DSIT) expects 71% of the pilots to start in March 2025",
      "reject"),
    Q("changed-amount", "$15 million changed to $16 million", UK,
      "Anthropic’s chief executive, Dario Amodei, said the company would invest $16 million over three years",
      "reject"),
    Q("changed-currency", "$ changed to £", UK,
      "Anthropic’s chief executive, Dario Amodei, said the company would invest £15 million over three years",
      "reject"),
    Q("changed-month", "March changed to May", UK,
      "The Department for Science, Innovation and Technology (DSIT) expects 70% of the pilots to start in May 2025",
      "reject"),
    Q("changed-day", "14 February changed to 15 February", UK,
      "The deal was first reported on 15 February 2025.", "reject"),
    Q("changed-year", "2025 changed to 2024", UK, "The deal was first reported on 14 February 2024.", "reject"),
    Q("changed-weekday", "Tuesday changed to Thursday", UK,
      "The U.K. government said on Thursday it had signed a memorandum of understanding with Anthropic", "reject"),
    Q("changed-kind", "'partnership' for 'memorandum of understanding'", UK,
      "The U.K. government said on Tuesday it had signed a partnership with Anthropic", "reject"),
    Q("empty", "an empty quote", UK, "", "reject"),
    Q("whitespace-only", "a whitespace-only quote", UK, " \n\t ", "reject"),
    Q("longer-than-doc", "a quote longer than the document", SHORT,
      "Talks ended. Both sides agreed to meet again next year to sign a formal treaty.", "reject"),
    Q("short-twice", "a short quote that occurs twice", UK, "the agreement", "reject"),
    Q("ellipsis-far", "ellipsis segments far apart", UK,
      "The U.K. government said on Tuesday ... decide whether to extend it to other departments", "reject"),
    Q("ellipsis-order", "ellipsis segments out of order", UK,
      "The agreement is non-binding. ... The deal was first reported on 14 February 2025.", "reject"),
    Q("ellipsis-missing", "an ellipsis segment that is not in the source", UK,
      "The U.K. government said on Tuesday ... it would ban foreign AI companies", "reject"),
    Q("absent", "a sentence that is not in the source", UK,
      "The European Commission fined the company for breaching competition rules.", "reject"),
    Q("paraphrase", "a paraphrase (edit-distance rewrite)", UK,
      "the company plans to spend $15 million across three years on a new office in London", "reject"),
    Q("japanese-date", "Japanese date changed (1日 to 2日)", JP, "日本政府は2025年3月2日、ＡＩ企業のアンソロピックと覚書を締結した",
      "reject"),
    Q("japanese-partner", "Japanese partner name changed", JP, "ＡＩ企業のオープンエーアイと覚書を締結したと発表した", "reject"),
    Q("french-negation", "French negation dropped", FR, "« C’est un partenariat exclusif », a précisé la ministre",
      "reject"),
    Q("french-name", "French partner changed", FR,
      "Le ministère de l’Économie a signé un protocole d’accord avec Aleph Alpha à Paris le 3 février 2025",
      "reject"),
)  # fmt: skip

V = ValueCase
VALUE_CASES: tuple[ValueCase, ...] = (
    V("party-acronym", "full name with acronym; span has the acronym", "party",
      "Department for Science, Innovation and Technology (DSIT)", "DSIT expects 70% of the pilots", "accept"),
    V("party-full", "acronym; span has the full name", "party", "DSIT",
      "the Department for Science, Innovation and Technology said", "accept"),
    V("party-dotted", "UK government vs the U.K. government", "party", "UK government",
      "The U.K. government said on Tuesday", "accept"),
    V("party-possessive", "possessive in the span", "party", "Anthropic", "Anthropic’s chief executive", "accept"),
    V("party-gov-of", "'the government of X' for 'X government'", "party", "the Japanese government",
      "an agreement with the government of Japan", "accept"),
    V("party-wrong", "a wrong partner", "party", "OpenAI", "signed a memorandum with Anthropic", "reject"),
    V("party-acronym-case", "acronym must match in capitals", "party", "US", "let us sign it", "reject"),
    V("date-day", "explicit day", "date", "2025-02-14", "first reported on 14 February 2025", "accept"),
    V("date-relative", "'on Tuesday' against the document date", "date", "2025-02-11",
      "the government said on Tuesday", "accept", date(2025, 2, 14)),
    V("date-month", "month-precision value and mention", "date", "March 2025", "to start in March 2025", "accept"),
    V("date-month-as-day", "a day value for a month-only mention", "date", "2025-03-01", "to start in March 2025",
      "reject"),
    V("date-day-changed", "a changed day", "date", "2025-02-15", "first reported on 14 February 2025", "reject"),
    V("date-month-changed", "a changed month", "date", "2025-03-14", "first reported on 14 February 2025", "reject"),
    V("date-relative-no-anchor", "a weekday without a document date", "date", "2025-02-11",
      "the government said on Tuesday", "reject"),
    V("kind-mou", "MoU value, span says memorandum of understanding", "kind", "MoU",
      "signed a memorandum of understanding", "accept"),
    V("kind-partnership-for-mou", "'partnership' for a span that only says MoU", "kind", "partnership",
      "signed a memorandum of understanding with Anthropic", "reject"),
    V("kind-mou-for-partnership", "'memorandum of understanding' for a partnership", "kind",
      "memorandum of understanding", "announced a new partnership with Anthropic", "reject"),
    V("kind-negated", "a negated trigger", "kind", "partnership", "this is not a partnership, officials said",
      "reject"),
    V("status-signed", "signed", "status", "signed", "it had signed a memorandum", "accept"),
    V("status-two", "two statuses, both present", "status", "signed, non-binding",
      "signed a non-binding memorandum", "accept"),
    V("status-not-signed", "'signed' when the span says it has not signed", "status", "signed",
      "the company has not yet signed the deal", "reject"),
    V("status-one-missing", "one of two statuses unsupported", "status", "signed, expanded",
      "it had signed a memorandum", "reject"),
    V("scope-ok", "scope words from the span", "scope", "AI safety research",
      "cooperate on AI safety research and evaluation", "accept"),
    V("scope-invented", "scope not in the span", "scope", "military drone procurement",
      "cooperate on AI safety research and evaluation", "reject"),
)  # fmt: skip
