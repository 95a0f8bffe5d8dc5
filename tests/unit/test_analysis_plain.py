"""The measures in plain words: what each line says for maps whose answer is
known by hand, in both languages, and that the figures stay in the details.

Sofie's map (netmap/demo/sofie.graphml, counted by hand): 14 persons, 6 of
them professionals, all five sectors used, 4 persons close (Lene, Anna, Ali,
Mette), 10 lines among 91 pairs (density 0.11: "few"), one group of 9 and Anna
with Erik, three persons without lines (Karin, Jesper, Sara), one line between
the professionals and the private network (Lene – Mette).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest
from analysis_support import SOFIE, make_map, person

from netmap.analysis import MEASURE_KEYS, analyse, ego_measures, measure_name, plain_lines
from netmap.analysis.plain import TOPIC_MEASURES, TOPICS, PlainLine
from netmap.interchange import read_map
from netmap.model import NetworkMap

TECHNICAL = re.compile(r"Blau|IQV|Burt|density|constraint|betweenness|komponent", re.I)


def _lines(m: NetworkMap, lang: Any = "da") -> dict[str, PlainLine]:
    names = {p.id: p.name for p in m.persons}
    return {line.topic: line for line in plain_lines(ego_measures(m), names, lang)}


def test_anpln001_sofie_in_danish() -> None:
    lines = _lines(read_map(SOFIE))
    assert list(TOPICS) == list(lines)
    assert lines["size"].text == "Du har sat 14 personer på dit kort. 6 af dem er fagpersoner."
    assert lines["spread"].text == "Dine personer er spredt over alle fem felter."
    assert lines["close"].text == "Du har sat 4 personer tæt på dig."
    assert lines["know_each_other"].text == "Få af dine personer kender hinanden."
    assert lines["bridge"].text == (
        "Du er bindeled mellem 2 grupper, som kun hænger sammen gennem dig: "
        "Lene Jensen, Mads Jensen, Hanne Sørensen og 6 andre; Anna Holm og Erik Nielsen. "
        "Karin Lund, Jesper Bak og Dr. Sara Friis har kun noget med dig at gøre, "
        "ikke med de andre på kortet."
    )
    assert lines["professionals"].text == (
        "Der er 1 streg mellem fagpersonerne og dit private netværk (familie, slægt og fritid)."
    )
    assert "Tæthed (density): 0,11" in lines["know_each_other"].details
    assert "Effektiv størrelse (Burt): 12,57" in lines["know_each_other"].details
    assert "Spredning over felter (Blaus indeks): 0,73" in lines["spread"].details


def test_anpln002_sofie_in_english() -> None:
    lines = _lines(read_map(SOFIE), "en")
    assert lines["size"].text == "You have put 14 people on your map. 6 of them are professionals."
    assert lines["know_each_other"].text == "Few of your people know each other."
    assert lines["bridge"].text.startswith(
        "You are the link between 2 groups that are connected only through you: "
        "Lene Jensen, Mads Jensen, Hanne Sørensen, and 6 others; Anna Holm and Erik Nielsen."
    )
    assert "Density: 0.11" in lines["know_each_other"].details


def test_anpln003_plain_text_has_no_technical_names_the_details_have_all_measures() -> None:
    for lang in ("da", "en"):
        lines = _lines(read_map(SOFIE), lang)
        for line in lines.values():
            assert not TECHNICAL.search(line.text), line.text
        details = " · ".join(line.details for line in lines.values())
        for key in MEASURE_KEYS:
            assert details.count(f"{measure_name(key, lang)}: ") == 1, key
    assert sorted(k for keys in TOPIC_MEASURES.values() for k in keys) == sorted(MEASURE_KEYS)


TRIANGLE = [("a", "b"), ("b", "c"), ("a", "c")]


@pytest.mark.parametrize(
    ("persons", "ties", "topic", "lang", "expected"),
    [
        ([], [], "size", "da", "Der er ingen personer på dit kort endnu."),
        ([], [], "bridge", "da", ""),
        (["a"], [], "size", "da", "Du har sat 1 person på dit kort."),
        (["a"], [], "size", "en", "You have put 1 person on your map."),
        (["a", "b"], [], "size", "da", "Du har sat 2 personer på dit kort. Alle er fagpersoner."),
        (["a"], [], "know_each_other", "da", ""),
        (
            ["a", "b"],
            [],
            "know_each_other",
            "da",
            ("Ingen af dine personer kender hinanden – der er ingen streger mellem dem."),
        ),
        (["a", "b"], [], "bridge", "da", "Du er det eneste bindeled mellem dine personer."),
        (
            ["a", "b", "c"],
            TRIANGLE,
            "know_each_other",
            "da",
            "Mange af dine personer kender hinanden.",
        ),
        (
            ["a", "b", "c"],
            TRIANGLE,
            "know_each_other",
            "en",
            "Many of your people know each other.",
        ),
        (
            ["a", "b", "c"],
            TRIANGLE,
            "bridge",
            "da",
            ("Alle dine personer hænger sammen, også uden om dig."),
        ),
        (
            ["a", "b", "c", "d", "e"],
            [("a", "b"), ("c", "d")],
            "know_each_other",
            "da",
            (
                "Nogle af dine personer kender hinanden."  # 2 of 10 pairs
            ),
        ),
        (
            ["a", "b", "c"],
            [("a", "b")],
            "bridge",
            "da",
            (
                "Test a og Test b hænger sammen, også uden om dig."
                " Test c har kun noget med dig at gøre, ikke med de andre på kortet."
            ),
        ),
        (
            ["a", "b", "c"],
            [("a", "b")],
            "bridge",
            "en",
            (
                "Test a and Test b are connected, also without you."
                " Test c has to do only with you, not with the others on the map."
            ),
        ),
    ],
)
def test_anpln004_small_maps(
    persons: list[str], ties: list[tuple[str, str]], topic: str, lang: str, expected: str
) -> None:
    m = make_map(*(person(p, "professional", 0.5) for p in persons), ties=ties)
    line = _lines(m, lang)[topic]
    assert line.text == expected
    assert bool(line.details) is bool(expected)


@pytest.mark.parametrize(
    ("sectors", "lang", "expected"),
    [
        (["family", "family"], "da", "Alle dine personer er i det samme felt: Familie."),
        (
            ["family", "kin", "leisure", "professional"],
            "da",
            "Dine personer er i 4 af de fem felter. Der er ingen i feltet Arbejde / skole.",
        ),
        (
            ["family", "kin", "professional"],
            "da",
            "Dine personer er i 3 af de fem felter."
            " Der er ingen i felterne Fritid / andre og Arbejde / skole.",
        ),
        (
            ["family", "kin", "professional"],
            "en",
            "Your people are in 3 of the five fields."
            " There is nobody in the fields Leisure / others and Work / school.",
        ),
    ],
)
def test_anpln005_spread_names_the_empty_sectors(
    sectors: list[str], lang: str, expected: str
) -> None:
    m = make_map(*(person(f"n{i}", s, 0.5) for i, s in enumerate(sectors)))
    assert _lines(m, lang)["spread"].text == expected


def test_anpln006_professionals_and_the_private_network() -> None:
    family = person("mor", "family", 0.2)
    worker = person("sr", "professional", 0.4)
    apart = make_map(family, worker)
    assert _lines(apart)["professionals"].text == (
        "Fagpersonerne har ikke noget at gøre med dit private netværk (familie, slægt og fritid)."
    )
    together = make_map(family, worker, ties=[("mor", "sr")])
    assert _lines(together, "en")["professionals"].text == (
        "There is 1 line between the professionals and your private network"
        " (family, relatives and free time)."
    )
    assert _lines(make_map(worker))["professionals"].text == ""


def test_anpln007_many_in_a_group_are_counted_not_listed() -> None:
    ids = [f"q{i}" for i in range(6)]
    chain = list(pairwise(ids))
    m = make_map(
        *(person(p, "kin", 0.5) for p in ids),
        person("x", "kin"),
        person("y", "kin"),
        ties=[*chain, ("x", "y")],
    )
    text = _lines(m)["bridge"].text
    assert "Test q0, Test q1, Test q2 og 3 andre; Test x og Test y." in text


def test_anpln008_report_prints_the_same_plain_lines() -> None:
    from netmap.analysis import render_text

    analysis = analyse(read_map(SOFIE))
    names = {row.id: row.name for row in analysis.overview}
    report = render_text(analysis)
    for line in plain_lines(analysis.measures, names, "da"):
        assert f"\n  {line.text}\n    {line.details}\n" in report + "\n"
