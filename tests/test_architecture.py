"""The import rules of the layering (docs/architecture.md), checked on the source (AST)."""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"
HEAVY = ("reportlab", "pptx", "matplotlib", "docx", "lxml", "pikepdf")
STDLIB = sys.stdlib_module_names


@cache
def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for p in PACKAGE.rglob("*.py"):
        if "templates" in p.relative_to(PACKAGE).parts:
            continue
        parts = p.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = p
    return found


def _imports(path: Path) -> set[str]:
    """Every absolute module name a file imports, wherever in the file (lazy imports too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # `from reportgen.render import pdf` imports the module reportgen.render.pdf
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return {n for n in names if n in _modules() or not n.startswith("reportgen")}


def _top(name: str) -> str:
    return name.split(".")[0]


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _reportgen_imports(module: str) -> set[str]:
    return {i for i in _imports(_modules()[module]) if _top(i) == "reportgen"}


def _existing(*packages: str) -> tuple[str, ...]:
    """The packages a rule names; a rule about a module that does not exist is a broken rule."""
    missing = [p for p in packages if p not in _modules()]
    assert not missing, f"the architecture rules name modules that do not exist: {missing}"
    return packages


def test_model_knows_nothing_of_yaml_pdf_pptx_or_plotting() -> None:
    (model,) = _existing("reportgen.source.model")
    allowed_libraries = {"pydantic", "pydantic_core"}
    allowed_ours = {
        "reportgen.errors",
        "reportgen.source.inline",
        "reportgen.source.fields",
        "reportgen.source.rules",
    }
    for name in _imports(_modules()[model]):
        if _top(name) == "reportgen":
            assert name in allowed_ours, name
        else:
            assert _top(name) in STDLIB or _top(name) in allowed_libraries, name


# Each layer may import only the layers below it (docs/architecture.md):
# source → theming → charts/changes → render → build → cli.
LAYERS: dict[str, set[str]] = {
    "reportgen.source": {"reportgen.errors"},
    "reportgen.theming": {"reportgen.errors", "reportgen.source"},
    "reportgen.changes": {"reportgen.errors", "reportgen.source", "reportgen.theming"},
    "reportgen.charts": {"reportgen.errors", "reportgen.source", "reportgen.theming"},
    "reportgen.render": {
        "reportgen.errors",
        "reportgen.source.model",
        "reportgen.source.inline",
        "reportgen.theming",
        "reportgen.charts.spec",
        "reportgen.changes",
        "reportgen.render",
    },
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_each_layer_imports_only_the_layers_below(layer: str) -> None:
    _existing(layer, *(p for p in LAYERS[layer] if p != "reportgen.render"))
    for module in _modules():
        if not _under(module, layer):
            continue
        for name in _reportgen_imports(module):
            if _under(name, layer) and layer != "reportgen.render":
                continue
            ok = any(_under(name, allowed) for allowed in LAYERS[layer])
            assert ok, f"{module} imports {name}, above its layer"


# The Word memo's pictures are the chart images (docs/architecture.md); nothing else is shared.
MAY_USE = {"docx": {"reportgen.render.images"}}


@pytest.mark.parametrize("fmt", ["pdf", "pptx", "docx", "images"])
def test_renderers_do_not_import_each_other(fmt: str) -> None:
    (package,) = _existing(f"reportgen.render.{fmt}")
    shared = {"reportgen.render.docinfo", "reportgen.render.zipfix", *MAY_USE.get(fmt, ())}
    for module in _modules():
        if not _under(module, package):
            continue
        for name in _reportgen_imports(module):
            if _under(name, "reportgen.render") and name != "reportgen.render":
                assert _under(name, package) or any(_under(name, s) for s in shared), (
                    f"{module} imports {name} from another renderer"
                )


@pytest.mark.parametrize(
    ("library", "home"),
    [
        ("reportlab", "reportgen.render.pdf"),
        ("pptx", "reportgen.render.pptx"),
        ("docx", "reportgen.render.docx"),
        ("matplotlib", "reportgen.render.images"),
    ],
)
def test_heavy_libraries_stay_in_their_stage(library: str, home: str) -> None:
    _existing(home)
    for module, path in _modules().items():
        if any(_top(i) == library for i in _imports(path)):
            assert _under(module, home), f"{module} imports {library}"


def test_only_the_cli_prints_or_exits() -> None:
    for module, path in _modules().items():
        if module in {"reportgen.cli", "reportgen.__main__"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in {"print", "exit", "quit"}, module
            if isinstance(node, ast.Attribute) and node.attr == "exit":
                assert not (isinstance(node.value, ast.Name) and node.value.id == "sys"), module


def test_no_module_over_400_lines() -> None:
    long = {
        m: n
        for m, p in _modules().items()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"split these by concept: {long}"


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


def test_building_pdf_and_pptx_imports_neither_matplotlib_nor_docx(tmp_path: Path) -> None:
    code = (
        "import sys, io\nfrom reportgen.cli import main\n"
        # -j 1: rendered in this process, where the imports can be seen
        f"argv = ['build', '-q', '-j', '1', '-o', {str(tmp_path)!r}, 'data/western-balkans.yaml']\n"
        "rc = main(argv, stdout=io.StringIO(), stderr=io.StringIO())\n"
        "print(rc, sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'docx'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent
    )
    assert done.stdout.strip() == "0 []"
