"""`uzit project` in the reader's language: words translated, figures and machine formats not."""

from __future__ import annotations

import json
import re
from collections import Counter

from conftest import Uzit

from uzit_cli import language
from uzit_cli.projection import ProjectionOptions, project_scenarios
from uzit_cli.registry import bundled_registry_path, load_registry

# Figures as the explanation writes them: decimals, years and large numbers (not the 1 of
# "1社あたり", which is a word)
FIGURE = re.compile(r"\d[\d,]*\.\d+|\d[\d,]{2,}\d")


def test_explain_in_japanese_has_japanese_words_and_the_english_figures(uzit: Uzit) -> None:
    args = ("project", "--explain", "--growth-rate", "25%", "-f", "markdown")
    english = uzit(*args, env={"UZIT_LANG": "en"})
    japanese = uzit(*args, env={"UZIT_LANG": "ja"})
    assert english.exit_code == japanese.exit_code == 0
    for words in ("基準年", "計算式", "年間成長率", "目標(target)", "指定成長率(custom)"):
        assert words in japanese.stdout
    assert "日本のIT人材不足(経済産業省推計)" in japanese.stdout
    for words in ("residents grow", "left out", "the last complete year", "Formulas"):
        assert words in english.stdout and words not in japanese.stdout
    assert Counter(FIGURE.findall(japanese.stdout)) == Counter(FIGURE.findall(english.stdout))


def test_machine_formats_are_the_same_bytes_in_japanese_and_english(uzit: Uzit) -> None:
    """The document carries English descriptions, reasons, formulas and notes in any language."""
    for form in ("json", "yaml"):
        args = ("project", "--explain", "--scenario", "trend", "--growth-rate", "25%", "-f", form)
        english = uzit(*args, env={"UZIT_LANG": "en"})
        japanese = uzit(*args, env={"UZIT_LANG": "ja"})
        assert english.exit_code == japanese.exit_code == 0
        assert japanese.stdout == english.stdout
    document = json.loads(uzit("project", "-f", "json", env={"UZIT_LANG": "ru"}).stdout)
    assert document["omitted"][0]["reason"].startswith("it rests on 2 years of history")


def test_a_scenario_left_out_is_a_warning_in_russian(uzit: Uzit) -> None:
    result = uzit("project", "-f", "json", env={"UZIT_LANG": "ru"})
    assert result.exit_code == 0
    assert (
        "uzit: предупреждение: Сценарий «тренд» исключён: "
        "он опирается на историю за 2 года (2022–2024)" in result.stderr
    )
    assert "left out" not in result.stderr


def test_a_projection_computed_in_japanese_is_english_in_its_document() -> None:
    """The words are kept as English whatever language is in use when they are computed;
    views show them translated."""
    registry = load_registry(bundled_registry_path())
    english = project_scenarios(registry, ProjectionOptions()).as_dict()
    language.use("ja")
    try:
        projection = project_scenarios(registry, ProjectionOptions())
        shown = projection.omitted[0].reason.shown()
    finally:
        language.use("en")
    assert projection.as_dict() == english
    assert shown.startswith("根拠の履歴が2年間(2022〜2024年)しかなく")
