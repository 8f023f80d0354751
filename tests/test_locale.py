"""Every word in the reader's language: a pseudo-locale, German and French builds, /Lang and lang.

The pseudo-locale marks every word of the locale data (labels, vocabularies, month names);
the example briefing is pseudo-translated too, so any English word left in either output
comes from code that does not ask the locale (docs/languages.md).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from typing import TYPE_CHECKING, Any

import pikepdf
import pytest
import yaml

from reportgen.cli import main
from reportgen.theming.labels import is_placeholder, parts
from tests.conftest import EXAMPLE, ROOT

if TYPE_CHECKING:
    from pathlib import Path

LOCALES = ROOT / "reportgen" / "theming" / "locales"
_PSEUDO = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒğĥíĵķĺɱñóƥʠŕšţúʋŵẋýžÁƁÇĐÉƑĞĤÍĴĶĹṀÑÓƤɊŔŠŢÚƲŴẊÝŽ",
)
# Values that are data, not words: kept as they are in the pseudo briefing.
_KEEP = {"schema", "date", "template", "previous", "trend", "kind", "url", "renamed_from"}
_LINK = re.compile(r"(\]\([^)]*\))")


def pseudo(text: str) -> str:
    """Letters swapped for accented look-alikes inside ⟦…⟧; placeholders and links kept."""
    out = []
    for piece in parts(text):
        if is_placeholder(piece):
            out.append("{" + piece + "}")
        else:
            kept = _LINK.split(piece.replace("{", "{{").replace("}", "}}"))
            out.append("".join(k if _LINK.fullmatch(k) else k.translate(_PSEUDO) for k in kept))
    return "⟦" + "".join(out) + "⟧"


def pseudo_tree(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: v if k in _KEEP else pseudo_tree(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [pseudo_tree(v, key) for v in value]
    if isinstance(value, str):
        return (
            "⟦"
            + "".join(k if _LINK.fullmatch(k) else k.translate(_PSEUDO) for k in _LINK.split(value))
            + "⟧"
        )
    return value


def english_vocabulary() -> set[str]:
    """Every word of the English locale data: labels, vocabularies and month names."""
    labels = yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8"))["labels"]
    formats = yaml.safe_load((LOCALES / "formats.yaml").read_text(encoding="utf-8"))
    texts: list[str] = [*formats["en-GB"]["months"]]

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, str):
            texts.extend(p for p in parts(v) if not is_placeholder(p))

    walk(labels)
    return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]{2,}", t)}


def test_vocabulary_is_what_the_issue_lists() -> None:
    vocabulary = english_vocabulary()
    for word in (
        "risk",
        "score",
        "factor",
        "unlikely",
        "roughly",
        "threat",
        "new",
        "removed",
        "since",
        "of",
        "up",
        "down",
        "unchanged",
        "december",
        "critical",
        "rising",
        "escalation",
        "matrix",
        "over",
        "time",
        "probability",
        "changed",
    ):
        assert word in vocabulary


def pseudo_theme(folder: Path) -> Path:
    labels = yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8"))["labels"]

    def mark(v: Any) -> Any:
        return {k: mark(x) for k, x in v.items()} if isinstance(v, dict) else pseudo(v)

    formats = yaml.safe_load((LOCALES / "formats.yaml").read_text(encoding="utf-8"))
    theme = {
        "name": "pseudo",
        "extends": "default",
        "labels": mark(labels),
        "formats": {"months": [pseudo(m) for m in formats["en-GB"]["months"]]},
    }
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), "utf-8")
    return folder


def pseudo_example(folder: Path) -> Path:
    for source in (EXAMPLE, EXAMPLE.parent / "archive" / "western-balkans-2026-08.yaml"):
        target = folder / source.relative_to(EXAMPLE.parent)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        text = yaml.safe_dump(pseudo_tree(data), allow_unicode=True, sort_keys=False)
        target.write_text(text, encoding="utf-8")
    return folder / EXAMPLE.name


def build(briefing: Path, template: str | Path, out: Path) -> tuple[Path, Path]:
    err = io.StringIO()
    args = ["build", "-j", "1", "-o", str(out), "-t", str(template), str(briefing)]
    assert main(args, stdout=io.StringIO(), stderr=err) == 0, err.getvalue()
    return out / f"{briefing.stem}.pdf", out / f"{briefing.stem}.pptx"


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


_XML_TEXT = re.compile(r"<a:t>([^<]*)</a:t>|<c:v>([^<]*)</c:v>|\bdescr=\"([^\"]*)\"")


def deck_texts(pptx: Path) -> dict[str, str]:
    """Text of every slide, notes page and chart part: runs, cached values, alt texts."""
    texts = {}
    with zipfile.ZipFile(pptx) as z:
        for name in z.namelist():
            if name.startswith(
                ("ppt/slides/", "ppt/notesSlides/", "ppt/charts/")
            ) and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                texts[name] = " ".join(
                    next(g for g in m.groups() if g is not None) for m in _XML_TEXT.finditer(xml)
                )
    return texts


_URL = re.compile(r"https?://\S+")


def english_words(text: str, vocabulary: set[str]) -> set[str]:
    words = {w.lower() for w in re.findall(r"\b[A-Za-z]{2,}\b", _URL.sub(" ", text))}
    return words & vocabulary - {"unclassified"}


@pytest.fixture(scope="module")
def pseudo_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("pseudo")
    briefing = pseudo_example(base / "data")
    return build(briefing, pseudo_theme(base / "templates" / "pseudo"), base / "out")


def test_pseudo_locale_pdf_has_no_english_word(pseudo_build: tuple[Path, Path]) -> None:
    text = pdf_text(pseudo_build[0])
    assert "⟦" in text
    assert english_words(text, english_vocabulary()) == set()


def test_pseudo_locale_deck_has_no_english_word(pseudo_build: tuple[Path, Path]) -> None:
    vocabulary = english_vocabulary()
    texts = deck_texts(pseudo_build[1])
    assert any(name.startswith("ppt/charts/") for name in texts)
    assert any(name.startswith("ppt/notesSlides/") for name in texts)
    left = {name: english_words(t, vocabulary) for name, t in texts.items()}
    assert {name: words for name, words in left.items() if words} == {}


def test_pseudo_locale_alt_texts_are_marked(pseudo_build: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(pseudo_build[1]) as z:
        alts = [
            m.group(1)
            for name in z.namelist()
            if name.startswith("ppt/slides/slide")
            for m in re.finditer(r'\bdescr="([^"]*)"', z.read(name).decode())
        ]
    assert alts, "the deck has alt texts"
    assert all("⟦" in a for a in alts), alts


# --- German and French -------------------------------------------------------------------


@pytest.fixture(scope="module")
def localized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    base = tmp_path_factory.mktemp("localized")
    return {lang: build(EXAMPLE, f"default-{lang}", base / lang) for lang in ("de", "fr")}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "de",
            [
                "Datum: 26. November 2026",
                "Risikowert nach Faktor",
                "Wahrscheinlichkeit der Szenarien bis 2029",
                "Was sich seit der vorigen Ausgabe geändert hat (15. August 2026)",
                "20 % (unwahrscheinlich)",
                "Seite 1 von 7",
            ],
        ),
        (
            "fr",
            [
                "Date : 26 novembre 2026",
                "Score de risque par facteur",
                "Probabilité des scénarios à l’horizon 2029",
                "Ce qui a changé depuis l’édition précédente (15 août 2026)",
                "20 % (improbable)",
                "Page 1 sur 7",
            ],
        ),
    ],
)
def test_localized_memo(
    localized: dict[str, tuple[Path, Path]], lang: str, expected: list[str]
) -> None:
    text = " ".join(pdf_text(localized[lang][0]).split())
    for phrase in expected:
        assert " ".join(phrase.split()) in text


@pytest.mark.parametrize(("lang", "tag"), [("de", "de-DE"), ("fr", "fr-FR")])
def test_language_is_declared(localized: dict[str, tuple[Path, Path]], lang: str, tag: str) -> None:
    pdf, pptx = localized[lang]
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == tag
    with zipfile.ZipFile(pptx) as z:
        assert f"<dc:language>{tag}</dc:language>" in z.read("docProps/core.xml").decode()
        for name in z.namelist():
            if name.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and name.endswith(".xml"):
                xml = z.read(name).decode()
                props = re.findall(r"<a:(?:rPr|endParaRPr)\b[^>]*>", xml)
                assert props, name
                assert all(f'lang="{tag}"' in p for p in props), name


def test_deck_dates_match_the_memo(localized: dict[str, tuple[Path, Path]]) -> None:
    texts = deck_texts(localized["de"][1])
    assert "26. November 2026" in texts["ppt/slides/slide1.xml"]
    assert "26. November 2026" in pdf_text(localized["de"][0])


# --- the shipped data --------------------------------------------------------------------


def _keys(value: Any, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        return {k for key, v in value.items() for k in _keys(v, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_shipped_words_are_complete(language: str) -> None:
    from reportgen.theming.labels import PLACEHOLDERS, label_findings

    words = yaml.safe_load((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))["labels"]
    english = yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8"))["labels"]
    assert _keys(words) == _keys(english)
    assert label_findings(words) == []  # placeholders checked as for a theme
    assert all(_keys(words) >= {k} for k in PLACEHOLDERS)  # every documented label has words


def test_precomputed_formats_match_babel() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "locale_formats.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_other_locales_get_their_formats_from_babel(tmp_path: Path) -> None:
    from reportgen.theming.theme import resolve_template

    folder = tmp_path / "it"
    folder.mkdir()
    (folder / "theme.yaml").write_text("name: it\nextends: default\nlocale: it-IT\n", "utf-8")
    theme = resolve_template(str(folder), allow_path=True, cwd=ROOT).theme
    import datetime as dt

    assert theme.words.date(dt.date(2026, 12, 1)) == "1 dicembre 2026"
    assert theme.words.percent(0.2) == "20%"
    assert theme.labels.summary == "Bottom line up front"  # no Italian words shipped


# --- right to left -----------------------------------------------------------------------

ARABIC = ROOT / "tests" / "data" / "arabic.yaml"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(ARABIC, "default", tmp_path_factory.mktemp("arabic"))


def test_arabic_memo_extracts_in_logical_order(arabic: tuple[Path, Path]) -> None:
    import unicodedata

    data = yaml.safe_load(ARABIC.read_text(encoding="utf-8"))
    # pdftotext wraps right-to-left runs in embedding marks (U+202A–U+202C): not text.
    marks = dict.fromkeys(range(0x202A, 0x202F))
    text = pdf_text(arabic[0]).translate(marks)
    lines = [unicodedata.normalize("NFKC", line.strip()) for line in text.splitlines()]
    texts = [data["title"], data["conclusion"], data["takeaways"][0]["headline"]]
    texts.append(data["takeaways"][1]["headline"])  # Hebrew, a number at its end
    for text in texts:
        assert any(unicodedata.normalize("NFKC", text) in line for line in lines), text


def test_arabic_memo_declares_its_language(arabic: tuple[Path, Path]) -> None:
    with pikepdf.open(arabic[0]) as doc:
        assert str(doc.Root.Lang) == "ar"  # the briefing's language:, not the template's


def test_arabic_deck_paragraphs_are_right_to_left(arabic: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(arabic[1]) as z:
        xml = z.read("ppt/slides/slide2.xml").decode()  # the bottom line
    paras = re.findall(r"<a:p>(.*?)</a:p>", xml)
    arabic_paras = [p for p in paras if re.search(r"<a:t>[\u0600-\u06ff]", p)]
    assert arabic_paras
    for p in arabic_paras:
        ppr = re.match(r"<a:pPr\b[^>]*>", p)
        assert ppr is not None
        assert 'rtl="1"' in ppr.group(0)
        assert 'algn="r"' in ppr.group(0)
    english = [p for p in paras if "Bottom line" in p]
    assert english
    assert all('rtl="1"' not in p for p in english)


def test_templates_check_covers_the_theme_words(tmp_path: Path) -> None:
    folder = tmp_path / "cjk"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        "name: cjk\nextends: default\nlabels:\n  summary: 要点\n  levels: {low: 低}\n", "utf-8"
    )
    out, err = io.StringIO(), io.StringIO()
    assert main(["templates", "check", str(folder)], stdout=out, stderr=err) == 1
    lines = err.getvalue().splitlines()
    missing = "font DejaVuSans.ttf has no glyph for '要' (U+8981) '点' (U+70B9)"
    assert f"{folder}/theme.yaml: labels.summary: {missing}" in lines
    assert any(line.startswith(f"{folder}/theme.yaml: labels.levels.low: ") for line in lines)
    ok = main(["templates", "check", "default-de"], stdout=io.StringIO(), stderr=io.StringIO())
    assert ok == 0


def test_diff_speaks_the_template_language() -> None:
    out, err = io.StringIO(), io.StringIO()
    archive = EXAMPLE.parent / "archive" / "western-balkans-2026-08.yaml"
    args = ["diff", "-t", "default-de", str(archive), str(EXAMPLE)]
    assert main(args, stdout=out, stderr=err) == 0, err.getvalue()
    lines = out.getvalue().splitlines()
    assert lines[0] == "Was sich seit der vorigen Ausgabe geändert hat (15. August 2026)"
    assert "Bedrohungsfaktoren:" in lines
