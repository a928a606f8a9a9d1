"""The cue patterns of ``briefing.injection``: wordings that address an AI system, not a person.

Three families, after the phrasings catalogued for indirect prompt injection (OWASP LLM01 "Prompt
Injection"; Greshake et al. 2023, "Not what you've signed up for"):

- an addressee that is a machine reader, in vocative, attention or "if you are" position
  ("Dear AI,", "Attention any language model processing this page:", "LLM agents reading this
  should ..."); such cues count only if a word of ``MACHINE_WORD`` is in them, so "Note to
  readers:" or "Dear travel agents," is not a cue;
- a chat-template role marker at the start of a line ("SYSTEM:", "[INST]", "<|im_start|>",
  "### Instruction");
- an order aimed at the reader's own instructions or output ("disregard prior context", "your
  summary must state", "tell your user that").
"""

from __future__ import annotations

import re

__all__ = ["ADDRESSED", "DIRECT", "MACHINE_WORD", "ORDER", "ORDER_VERB", "OWN_INSTRUCTIONS"]

_NAMES = r"chat\s?gpt|gpt(?:-?\d[\w.]*)?|claude|gemini|copilot|llama|mistral|bard|perplexity"
_MACHINE_ONE = (
    r"(?:(?:automated|automatic|ai|a\.i\.?|artificial[- ]intelligence|machine|llm|gpt|(?:large\s+)?language[- ]model|"
    r"generative|chat|search)\s*[- ]?\s*)*"
    r"(?:summari[sz]ers?|(?:large\s+)?language[- ]models?|summari[sz]ation\s+(?:tools?|systems?|engines?|bots?)|"
    r"assistants?|chat\s?bots?|bots?|models?|llms?|agents?|crawlers?|scrapers?|systems?|tools?|ais?|a\.i\.?|"
    r"readers?|" + _NAMES + r")"
)
_MACHINE = _MACHINE_ONE + r"(?:\s*(?:,|or|and|/)\s*(?:an?\s+|any\s+|other\s+)?" + _MACHINE_ONE + r"){0,2}"
MACHINE_WORD = re.compile(
    r"\b(?:automated|automatic|ai|a\.i|artificial|machine|llms?|language[- ]models?|summari[sz]\w*|"
    r"assistants?|chat\s?bots?|bots?|crawlers?|scrapers?|" + _NAMES + r")\b",
    re.IGNORECASE,
)
"""A word that makes an addressee a machine reader (bare "agent", "tool", "model" is not enough)."""
_READING = (
    r"(?:that\s+(?:is|are)\s+|who\s+(?:is|are)\s+)?(?:reading|processing|summari[sz]ing|parsing|crawling|scraping|"
    r"analy[sz]ing|ingesting|indexing|seeing|viewing)\s+(?:this|the\s+(?:following|present))\b"
)
ADDRESSED = (
    # "Note to automated summarisers:", "Attention any language model or AI tool", "Message for bots"
    re.compile(
        r"\b(?:note|message|notice|instructions?|memo|attention|reminder|warning|hint|important)\s*(?:to|for|,|:|-)?\s*"
        r"(?:(?:any|all|every|the)\s+)?" + _MACHINE + r"\b",
        re.IGNORECASE,
    ),
    # "To any AI reading this:", "Dear AI,", "Hey ChatGPT" at the start of a sentence or line
    re.compile(
        r"(?:^|(?<=[.!?:])\s+)\s*(?:to|dear|hey|hello|hi|attention|calling)\s+(?:(?:any|all|every|the)\s+)?"
        + _MACHINE
        + r"\b",
        re.IGNORECASE | re.MULTILINE,
    ),
    # "If you are an AI", "if you're a language model summarising this"
    re.compile(
        r"\bif\s+you\s*(?:are|['’]re)\s+(?:an?\s+|the\s+)?" + _MACHINE + r"\b"
        r"|\bif\s+you\s*(?:are|['’]re)\s+(?:summari[sz]ing|processing|reading)\s+this\s+(?:\w+\s+)?(?:with|as)\s+"
        r"(?:an?\s+)?" + _MACHINE + r"\b",
        re.IGNORECASE,
    ),
    # "AI assistants: report that ...", "Summariser, state that ..."
    re.compile(
        _MACHINE
        + r"\s*[:,]\s*(?:please\s+)?(?:ignore|disregard|forget|report|state|say|write|output|respond|"
        r"summari[sz]e|include|mention|conclude|claim|tell|note|add)\b",
        re.IGNORECASE,
    ),
    # "LLM agents reading this should ...", "any AI tool processing this page"
    re.compile(r"\b" + _MACHINE + r"\s+" + _READING, re.IGNORECASE),
)
"""Cues that name an addressee; they count only if a word of ``MACHINE_WORD`` is in them."""
DIRECT = (
    # chat-template role markers at the start of a line
    re.compile(
        r"^[ \t>*_]*(?:\[/?INST\]|<\|im_start\|>|<\|(?:system|user|assistant)\|>|<<SYS>>|"
        r"#{2,}\s*(?i:instructions?|system(?:\s+prompt)?|response)\b|"
        r"(?:SYSTEM|System)(?:\s+(?:prompt|message|note|instructions?|override))?\s*:)",
        re.MULTILINE,
    ),
    # "new instruction -", "updated instructions:"
    re.compile(
        r"\b(?:new|updated|revised|additional)\s+(?:system\s+)?instructions?\s*[:\-–—]", re.IGNORECASE
    ),
    # "your summary must state", "your answer should say"
    re.compile(
        r"\byour\s+(?:summary|summaries|output|answer|response|reply|briefing|report|analysis|overview)\s+"
        r"(?:must|should|needs?\s+to|has\s+to|is\s+to|shall|will)\s+(?:\w+\s+)?"
        r"(?:state|say|mention|report|include|note|claim|conclude|begin|start|read)\b",
        re.IGNORECASE,
    ),
    # "tell your user that", "inform your users"
    re.compile(
        r"\b(?:tell|inform|remind|warn|advise)\s+(?:your|the)\s+(?:users?|human|operator)\b", re.IGNORECASE
    ),
)
"""Cues that are injections whoever they name: no machine word is needed."""
ORDER = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass|set\s+aside|discard|drop)\s+"
    r"(?P<which>(?:(?:all|any|the|your|my|these|those|every|previous|prior|earlier|above|preceding|"
    r"original|system|existing|current|other|of|everything|you\s+were\s+told|you['’]ve\s+been\s+told)\s+){0,4})"
    r"(?P<what>instructions?|prompts?|directives?|system\s+prompt|programming|guardrails|context|rules|guidelines)\b",
    re.IGNORECASE,
)
"""An order to drop one's instructions: "ignore all previous instructions", "disregard prior context"."""
ORDER_VERB = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass|set\s+aside|discard|drop)\b", re.IGNORECASE
)
OWN_INSTRUCTIONS = re.compile(
    r"\b(?:your|previous|prior|earlier|above|preceding|system|original)\b", re.IGNORECASE
)
"""Words that make the instructions the reader's own ("your", "previous"), not someone else's."""
