"""Turning an engine's draft into a grounded extraction: locate every quote, check every value.

Nothing an engine proposes reaches the briefing unless its quote was located by the program and
its value was checked against the located source slice. Failures are never dropped in silence:
each becomes a ``Rejection`` with a reason, and a partnership row that loses a party, its kind, or
a stated date or status is dropped as a whole, with every reason listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from briefing.dates import parse_date
from briefing.grounding.anaphora import resolve_party
from briefing.grounding.match import DocumentIndex
from briefing.grounding.set_aside import set_aside_rejections
from briefing.grounding.values import (
    Check,
    check_claim,
    check_date,
    check_kind,
    check_party,
    check_publisher_voice,
    check_scope,
    check_status,
)
from briefing.injection import INJECTION_REASON, addressed_passages, inside_addressed
from briefing.models import (
    DraftExtraction,
    DraftField,
    DraftRow,
    Evidence,
    Extraction,
    MatchStatus,
    Rejection,
    Row,
    VerifiedField,
)
from briefing.names import canonical_name
from briefing.vocabulary import agreement_negation, find_kinds

if TYPE_CHECKING:
    from langchain_core.documents import Document

Checker = Callable[[str, str], Check]


@dataclass(slots=True)
class _Outcome:
    """One field's result: the verified field, or the rejection saying why not."""

    verified: VerifiedField | None
    rejection: Rejection | None


@dataclass(slots=True)
class _Grounder:
    document_id: str
    index: DocumentIndex
    anchor: date | None
    publisher: str | None = None
    rejections: list[Rejection] = field(default_factory=list)
    proposed: int = 0
    verified: int = 0
    addressed: list[tuple[int, int]] = field(default_factory=list)
    """Spans of the document addressed to an AI system (``briefing.injection``): no row from there."""

    def check(self, name: str, draft: DraftField, checker: Checker) -> _Outcome:
        self.proposed += 1
        match = self.index.verify(draft.quote, hint=draft.hint)
        if not match.verified or match.start is None or match.end is None:
            reason = match.reason or "quote not found"
            return _Outcome(None, self._reject(name, draft, match.status, reason))
        source = self.index.text[match.start : match.end]
        result = checker(draft.value, source)
        antecedent: Evidence | None = None
        if not result.ok and name == "party":
            result, antecedent = self._through_antecedent(draft.value, match.start, match.end, result)
        if not result.ok:
            return _Outcome(None, self._reject(name, draft, match.status, result.reason))
        if name in ("summary", "key_point") and inside_addressed(self.addressed, match.start, match.end):
            return _Outcome(None, self._reject(name, draft, match.status, INJECTION_REASON))
        self.verified += 1
        evidence = self._evidence(match.start, match.end, match.status, match.score)
        note = "; ".join(n for n in (result.note, match.reason if match.status != "exact" else "") if n)
        return _Outcome(VerifiedField(result.value or draft.value, evidence, note, antecedent), None)

    def _evidence(self, start: int, end: int, status: MatchStatus, score: float = 100.0) -> Evidence:
        return Evidence(
            id=f"{self.document_id}:{start}-{end}",
            document_id=self.document_id,
            quote=self.index.text[start:end],
            start=start,
            end=end,
            match=status,
            score=round(score, 1),
        )

    def _through_antecedent(
        self, value: str, start: int, end: int, failed: Check
    ) -> tuple[Check, Evidence | None]:
        """A party the quote names only by a description ("the government"): the antecedent rule."""
        found = resolve_party(value, self.index.text, start, end)
        if found.status == "ambiguous":
            return Check(False, f"{failed.reason}; {found.reason}, so which one is not certain"), None
        if found.status != "resolved" or found.antecedent is None or found.mention is None:
            return failed, None
        mention = self.index.text[found.mention.start : found.mention.end]
        note = f"'{mention}' refers back to '{found.name}' earlier in the document"
        antecedent = self._evidence(found.antecedent.start, found.antecedent.end, "exact")
        return Check(True, "", value.strip(), note), antecedent

    def _reject(self, name: str, draft: DraftField, status: MatchStatus, reason: str) -> Rejection:
        return Rejection(self.document_id, name, draft.value, draft.quote, status, reason)

    def keep(self, outcomes: list[_Outcome]) -> tuple[VerifiedField, ...]:
        """Fields that stand alone (summary sentences, key points): keep the good, reject the rest."""
        self.rejections.extend(o.rejection for o in outcomes if o.rejection is not None)
        return tuple(o.verified for o in outcomes if o.verified is not None)

    def row(self, draft: DraftRow) -> Row | None:
        parties = [self.check("party", p, self._check_party) for p in draft.parties]
        kind = self.check("kind", draft.kind, check_kind)
        when = self._optional("date", draft.date, self._check_date)
        status = self._optional("status", draft.status, check_status)
        scope = self._optional("scope", draft.scope, check_scope)
        required = [*parties, kind, *(o for o in (when, status) if o is not None)]
        failed = [o.rejection for o in required if o.rejection is not None]
        distinct = {canonical_name(o.verified.value).casefold() for o in parties if o.verified}
        label = _label(draft)
        if failed or len(distinct) < 2 or kind.verified is None:
            suffix = f"; row dropped ({label})"
            self.rejections.extend(_with_suffix(r, suffix) for r in failed)
            if scope is not None and scope.rejection is not None:
                self.rejections.append(_with_suffix(scope.rejection, suffix))
            if not failed:
                self.rejections.append(
                    Rejection(
                        self.document_id,
                        "row",
                        label,
                        draft.kind.quote,
                        kind.verified.evidence.match if kind.verified else "not_found",
                        f"a partnership needs at least two different verified parties, got {len(distinct)}"
                        + suffix,
                    )
                )
            return None
        injected = next(
            (
                o.verified.evidence
                for o in [*parties, kind]
                if o.verified is not None
                and inside_addressed(self.addressed, o.verified.evidence.start, o.verified.evidence.end)
            ),
            None,
        )
        if injected is not None:
            reason = f"{INJECTION_REASON}; row dropped ({label})"
            self.rejections.append(
                Rejection(self.document_id, "row", label, injected.quote, injected.match, reason)
            )
            return None
        negation = self._negation(kind.verified.evidence)
        if negation is not None:
            self.rejections.append(
                Rejection(
                    self.document_id,
                    "kind",
                    draft.kind.value,
                    draft.kind.quote,
                    kind.verified.evidence.match,
                    f"the source says this agreement was not made ('{negation}'); row dropped ({label})",
                )
            )
            return None
        if scope is not None and scope.rejection is not None:
            self.rejections.append(_with_suffix(scope.rejection, "; scope left out, row kept"))
        return Row(
            parties=tuple(o.verified for o in parties if o.verified is not None),
            kind=kind.verified,
            date=when.verified if when else None,
            status=status.verified if status else None,
            scope=scope.verified if scope else None,
        )

    def _negation(self, evidence: Evidence) -> str | None:
        """Why the agreement the kind quote names did not happen, read in the quote's sentence.

        A quote can stop right after "not signed any" ("agreement with Tesla"), so the check reads
        the document around each trigger, not only the quote. One unnegated trigger is enough.
        """
        found: str | None = None
        for trigger in find_kinds(evidence.quote):
            start = evidence.start + trigger.start
            negation = agreement_negation(self.index.text, start, evidence.start + trigger.end)
            if negation is None:
                return None
            found = found or negation
        return found

    def _optional(self, name: str, draft: DraftField | None, checker: Checker) -> _Outcome | None:
        return None if draft is None else self.check(name, draft, checker)

    def _check_party(self, value: str, span_text: str) -> Check:
        named = check_party(value, span_text)
        if named.ok:
            return named
        if (
            not self.publisher
            or canonical_name(value).casefold() != canonical_name(self.publisher).casefold()
        ):
            return named
        return check_publisher_voice(value, span_text, publisher=self.publisher)

    def _check_date(self, value: str, span_text: str) -> Check:
        return check_date(value, span_text, anchor=self.anchor)


def _with_suffix(rejection: Rejection, suffix: str) -> Rejection:
    return Rejection(
        rejection.document_id,
        rejection.field,
        rejection.value,
        rejection.quote,
        rejection.match,
        rejection.reason + suffix,
    )


def _label(draft: DraftRow) -> str:
    return " / ".join(p.value for p in draft.parties) + f": {draft.kind.value}"


def _text_or_none(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def document_anchor(published: object) -> date | None:
    """The document date that relative dates in it are resolved against, if the loader found one."""
    if not isinstance(published, str) or not published.strip():
        return None
    return parse_date(published)


def verify_extraction(draft: DraftExtraction, document: Document) -> Extraction:
    """Ground one draft against its document; see the module docstring for the rules."""
    passages = addressed_passages(document.page_content)
    grounder = _Grounder(
        draft.document_id,
        DocumentIndex(document.page_content),
        document_anchor(document.metadata.get("published")),
        publisher=_text_or_none(document.metadata.get("publisher")),
        addressed=[(p.start, p.end) for p in passages],
        rejections=set_aside_rejections(draft.document_id, document.page_content, passages),
    )
    summary = grounder.keep([grounder.check("summary", f, check_claim) for f in draft.summary])
    key_points = grounder.keep([grounder.check("key_point", f, check_claim) for f in draft.key_points])
    rows = tuple(r for r in (grounder.row(d) for d in draft.rows) if r is not None)
    return Extraction(
        document_id=draft.document_id,
        summary=summary,
        key_points=key_points,
        rows=rows,
        rejections=tuple(grounder.rejections),
        quotes_proposed=grounder.proposed,
        quotes_verified=grounder.verified,
        usage=draft.usage,
    )
