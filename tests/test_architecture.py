"""The import rules of STYLE §1.2, checked on the source (AST), plus lazy heavy imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"
HEAVY = ("reportlab", "pptx", "matplotlib")
STDLIB = sys.stdlib_module_names


def _modules() -> dict[str, Path]:
    return {
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts): p
        for p in PACKAGE.rglob("*.py")
        if "templates" not in p.parts
    }


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def test_model_knows_nothing_of_yaml_pdf_pptx_or_plotting() -> None:
    allowed = {"pydantic", "pydantic_core", "reportgen"}
    for name in _imports(PACKAGE / "model.py"):
        assert _top(name) in STDLIB or _top(name) in allowed, name
        if _top(name) == "reportgen":
            assert name in {"reportgen.errors", "reportgen.inline"}, name


def test_renderers_do_not_import_each_other_or_the_pipeline() -> None:
    # Renderers take chart specs; deciding charts (charts.build) happens once, before them.
    forbidden = {
        "reportgen.loader",
        "reportgen.build",
        "reportgen.cli",
        "reportgen.yamlsource",
        "reportgen.charts.build",
        "reportgen.pipeline",
    }
    for module, path in _modules().items():
        if not module.startswith("reportgen.render."):
            continue
        imports = _imports(path)
        assert not imports & forbidden, (module, imports & forbidden)
        other = "pptx" if module.startswith("reportgen.render.pdf") else "pdf"
        assert not any(i.startswith(f"reportgen.render.{other}") for i in imports), module


@pytest.mark.parametrize(
    ("library", "home"),
    [
        ("reportlab", "reportgen.render.pdf"),
        ("pptx", "reportgen.render.pptx"),
        ("matplotlib", "reportgen.charts.mpl"),
    ],
)
def test_heavy_libraries_stay_in_their_stage(library: str, home: str) -> None:
    for module, path in _modules().items():
        if any(_top(i) == library for i in _imports(path)):
            assert module.startswith(home), f"{module} imports {library}"


def test_only_the_cli_prints_or_exits() -> None:
    for module, path in _modules().items():
        if module in {"reportgen.cli", "reportgen.__main__"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"print", "exit", "quit"}, module
            if isinstance(node, ast.Attribute) and node.attr == "exit":
                assert not (isinstance(node.value, ast.Name) and node.value.id == "sys"), module


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["validate", "data/"], ["schema"], ["templates"]],
    ids=["help", "validate", "schema", "templates"],
)
def test_light_commands_import_no_heavy_library(argv: list[str]) -> None:
    code = (
        "import sys\nfrom reportgen.cli import main\n"
        f"import io\nmain({argv!r}, stdout=io.StringIO(), stderr=io.StringIO())\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    )
    assert done.stdout.strip() == "[]"


def test_template_name_rule_is_the_same_on_the_light_path() -> None:
    from reportgen import catalog, model

    assert catalog.TEMPLATE_NAME.pattern == model.TEMPLATE_NAME.pattern
