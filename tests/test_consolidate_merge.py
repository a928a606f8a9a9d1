"""Merging rows into canonical partnerships: same agreement, aliases, dates, ids and order."""

from __future__ import annotations

from briefing.consolidate import consolidate
from tests.test_consolidate_support import acme_dft_rows, doc, extraction, row

A_TEXT = (
    "Acme Robotics and the Department for Transport signed a memorandum of understanding "
    "on March 3, 2025, to test autonomous buses in three cities."
)
B_TEXT = (
    "The Department for Transport (DfT) has agreed a partnership with Acme Robotics. "
    "The deal was signed on 4 March 2025 and covers bus trials."
)


def _two_reports():
    a, b = doc("a", A_TEXT, published="2025-03-03"), doc("b", B_TEXT, published="2025-03-05")
    ra, rb = acme_dft_rows(a, b)
    return [a, b], [extraction(a, [ra]), extraction(b, [rb])]


def test_two_reports_with_different_dates_make_one_partnership_and_one_date_discrepancy() -> None:
    documents, extractions = _two_reports()
    result = consolidate(extractions, documents)

    assert len(result.partnerships) == 1
    p = result.partnerships[0]
    assert p.parties == ("Acme Robotics", "Department for Transport")
    assert p.kind == "memorandum of understanding"  # the most specific kind any source supports
    assert p.date == "2025-03-03"  # one source each: the earliest wins
    assert p.sources == ("a", "b")
    assert not p.single_source
    assert {ev.document_id for _f, ev in p.evidence} == {"a", "b"}
    assert dict(p.aliases)["Department for Transport"] == (
        "the Department for Transport",
        "Department for Transport (DfT)",
    )

    dates = [d for d in result.discrepancies if d.field == "date"]
    assert len(dates) == 1
    values = {(v.value, v.document_id): v for v in dates[0].values}
    assert set(values) == {("2025-03-03", "a"), ("2025-03-04", "b")}
    texts = {"a": A_TEXT, "b": B_TEXT}
    for v in values.values():
        assert texts[v.document_id][v.start : v.end] == v.quote


def test_date_vote_counts_documents_not_rows() -> None:
    documents, extractions = _two_reports()
    c_text = "Acme Robotics signed an MOU with the Department for Transport on 4 March 2025."
    c = doc("c", c_text)
    rc = row(
        c,
        [("Acme Robotics", "Acme Robotics"), ("Department for Transport", "Department for Transport")],
        ("memorandum of understanding", "MOU"),
        date=("2025-03-04", "4 March 2025"),
    )
    result = consolidate([*extractions, extraction(c, [rc])], [*documents, c])
    assert [p.date for p in result.partnerships] == ["2025-03-04"]
    assert result.partnerships[0].sources == ("a", "b", "c")


def test_one_agreement_under_three_names_is_one_partnership_with_aliases() -> None:
    texts = {
        "x": "Nimbus AI signed an agreement with the Department for Science, Innovation and Technology (DSIT).",
        "y": "DSIT and Nimbus AI confirmed the agreement on Friday.",
        "z": "Nimbus AI's agreement with the U.K. Department for Science, Innovation and Technology is a first.",
    }
    docs = {k: doc(k, v) for k, v in texts.items()}
    names = {
        "x": "the Department for Science, Innovation and Technology (DSIT)",
        "y": "DSIT",
        "z": "U.K. Department for Science, Innovation and Technology",
    }
    extractions = [
        extraction(
            d, [row(d, [("Nimbus AI", "Nimbus AI"), (names[k], names[k])], ("agreement", "agreement"))]
        )
        for k, d in docs.items()
    ]
    result = consolidate(extractions, list(docs.values()))
    assert len(result.partnerships) == 1
    p = result.partnerships[0]
    assert p.parties == ("Nimbus AI", "UK Department for Science, Innovation and Technology")
    assert p.sources == ("x", "y", "z")
    aliases = dict(p.aliases)["UK Department for Science, Innovation and Technology"]
    assert set(aliases) == set(names.values())


def test_two_mous_between_the_same_parties_years_apart_stay_apart() -> None:
    a = doc("a", "Orbital Labs and Kestrel Bank signed a memorandum of understanding on 2 May 2021.")
    b = doc("b", "Orbital Labs and Kestrel Bank signed a memorandum of understanding on 9 June 2024.")
    parties = [("Orbital Labs", "Orbital Labs"), ("Kestrel Bank", "Kestrel Bank")]
    mou = ("memorandum of understanding", "memorandum of understanding")
    ex = [
        extraction(a, [row(a, parties, mou, date=("2021-05-02", "2 May 2021"))]),
        extraction(b, [row(b, parties, mou, date=("2024-06-09", "9 June 2024"))]),
    ]
    result = consolidate(ex, [a, b])
    assert [p.date for p in result.partnerships] == ["2021-05-02", "2024-06-09"]
    assert len({p.id for p in result.partnerships}) == 2
    assert not [d for d in result.discrepancies if d.field == "date"]


def test_undated_report_joins_the_latest_agreement_before_its_publication() -> None:
    a = doc("a", "Orbital Labs and Kestrel Bank signed a memorandum of understanding on 2 May 2021.")
    b = doc("b", "Orbital Labs and Kestrel Bank signed a memorandum of understanding on 9 June 2024.")
    c = doc(
        "c",
        "Orbital Labs says its memorandum of understanding with Kestrel Bank is working.",
        published="2024-07-01",
    )
    parties = [("Orbital Labs", "Orbital Labs"), ("Kestrel Bank", "Kestrel Bank")]
    mou = ("memorandum of understanding", "memorandum of understanding")
    ex = [
        extraction(a, [row(a, parties, mou, date=("2021-05-02", "2 May 2021"))]),
        extraction(b, [row(b, parties, mou, date=("2024-06-09", "9 June 2024"))]),
        extraction(c, [row(c, parties, mou)]),
    ]
    result = consolidate(ex, [a, b, c])
    assert [p.sources for p in result.partnerships] == [("a",), ("b", "c")]


def test_department_joins_its_government_only_when_the_source_links_them() -> None:
    text = (
        "Nimbus AI and the UK government signed a memorandum of understanding on 13 February 2025. "
        "Nimbus AI signed it with the UK's Department for Science, Innovation and Technology (DSIT) "
        "on 13 February 2025."
    )
    d = doc("d", text)
    mou = ("memorandum of understanding", "memorandum of understanding")
    rows = [
        row(
            d,
            [("Nimbus AI", "Nimbus AI"), ("UK government", "UK government")],
            mou,
            date=("2025-02-13", "13 February 2025"),
        ),
        row(
            d,
            [("Nimbus AI", "Nimbus AI"), ("DSIT", "DSIT")],
            ("memorandum of understanding", "signed it"),
            date=("2025-02-13", "13 February 2025"),
        ),
    ]
    result = consolidate([extraction(d, rows)], [d])
    assert len(result.partnerships) == 1
    assert result.partnerships[0].parties == ("Nimbus AI", "UK government")
    assert "DSIT" in dict(result.partnerships[0].aliases)["UK government"]


def test_department_in_another_document_without_a_link_stays_apart() -> None:
    a = doc("a", "Nimbus AI and the UK government signed an agreement on 13 February 2025.")
    b = doc("b", "Nimbus AI and the Department of Health signed an agreement on 13 February 2025.")
    deal = ("agreement", "agreement")
    ex = [
        extraction(
            a,
            [
                row(
                    a,
                    [("Nimbus AI", "Nimbus AI"), ("UK government", "UK government")],
                    deal,
                    date=("2025-02-13", "13 February 2025"),
                )
            ],
        ),
        extraction(
            b,
            [
                row(
                    b,
                    [("Nimbus AI", "Nimbus AI"), ("Department of Health", "Department of Health")],
                    deal,
                    date=("2025-02-13", "13 February 2025"),
                )
            ],
        ),
    ]
    result = consolidate(ex, [a, b])
    assert sorted(p.parties for p in result.partnerships) == [
        ("Department of Health", "Nimbus AI"),
        ("Nimbus AI", "UK government"),
    ]


def test_bare_government_is_the_one_government_its_document_names() -> None:
    a = doc("a", "The U.K. government is busy. The government also announced a partnership with Nimbus AI.")
    b = doc("b", "Nimbus AI and the UK government have a partnership.")
    ex = [
        extraction(
            a,
            [
                row(
                    a,
                    [("the government", "The government"), ("Nimbus AI", "Nimbus AI")],
                    ("partnership", "partnership"),
                )
            ],
        ),
        extraction(
            b,
            [
                row(
                    b,
                    [("the UK government", "the UK government"), ("Nimbus AI", "Nimbus AI")],
                    ("partnership", "partnership"),
                )
            ],
        ),
    ]
    result = consolidate(ex, [a, b])
    assert [(p.parties, p.sources) for p in result.partnerships] == [
        (("Nimbus AI", "UK government"), ("a", "b"))
    ]


def test_country_qualified_names_merge_unless_two_countries_share_the_bare_name() -> None:
    texts = [
        ("a", "Nimbus AI has an agreement with the UK AI Safety Institute."),
        ("b", "Nimbus AI has an agreement with the AI Safety Institute."),
        ("c", "Nimbus AI has an agreement with the US AI Safety Institute."),
    ]
    docs = [doc(i, t) for i, t in texts]
    names = ["UK AI Safety Institute", "AI Safety Institute", "US AI Safety Institute"]
    ex = [
        extraction(d, [row(d, [("Nimbus AI", "Nimbus AI"), (n, n)], ("agreement", "agreement"))])
        for d, n in zip(docs, names, strict=True)
    ]
    parties = sorted(p.parties for p in consolidate(ex, docs).partnerships)
    assert len(parties) == 3  # the bare name could be either institute: it stays apart

    result = consolidate(ex[:2], docs[:2])
    assert [p.parties for p in result.partnerships] == [("Nimbus AI", "UK AI Safety Institute")]


def test_ids_are_stable_and_order_is_by_date_then_parties() -> None:
    documents, extractions = _two_reports()
    late = doc("l", "Zeta Corp and Alpha Ltd formed a joint venture on 1 January 2020.")
    undated = doc("u", "Beta plc and Gamma plc have a partnership.")
    ex = [
        *extractions,
        extraction(
            late,
            [
                row(
                    late,
                    [("Zeta Corp", "Zeta Corp"), ("Alpha Ltd", "Alpha Ltd")],
                    ("joint venture", "joint venture"),
                    date=("2020-01-01", "1 January 2020"),
                )
            ],
        ),
        extraction(
            undated,
            [
                row(
                    undated,
                    [("Beta plc", "Beta plc"), ("Gamma plc", "Gamma plc")],
                    ("partnership", "partnership"),
                )
            ],
        ),
    ]
    first = consolidate(ex, [*documents, late, undated])
    second = consolidate(list(reversed(ex)), [*documents, late, undated])
    assert [p.date for p in first.partnerships] == ["2020-01-01", "2025-03-03", None]
    assert [p.id for p in first.partnerships] == [p.id for p in second.partnerships]
    assert all(p.id.startswith("p-") and len(p.id) == 12 for p in first.partnerships)
