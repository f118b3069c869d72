"""The package's one-way arrows: a layer imports only itself and the layers below it
(errors <- content <- design <- compose <- printing <- render <- the commands)."""
from __future__ import annotations

import ast

from conftest import ROOT

LAYERS = ["errors", "content", "design", "compose", "printing", "render"]
TOP = 6  # pipeline, calibration, scaffold, editor_schemas, cli: the commands and their stages


def layer_of(module: str) -> int:
    parts = module.split(".")
    if parts[0] != "generator" or len(parts) == 1:
        return TOP if parts[0] == "generator" else -1
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else TOP


def test_no_module_imports_a_layer_above_its_own():
    wrong = []
    for path in (ROOT / "generator").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
                if layer_of(node.module) > layer_of(module) and node.module != "generator":
                    wrong.append(f"{module} imports {node.module}")
    assert wrong == []


def test_each_third_party_library_lives_in_one_place():
    owners = {"yaml": {"generator.content.yamlsource"}, "jinja2": {"generator.design.text"},
              # pikepdf: reading files back to check them, and (qpdf's copying of objects
              # between files) placing the press file's pages in the files that show faces.
              "pikepdf": {"generator.printing.preflight", "generator.render.placing"},
              "pypdfium2": {"generator.printing.preflight"},
              "babel": {"generator.content.pofiles"}, "openpyxl": {"generator.content.workbook"},
              "ruamel": {"generator.content.yamledit"}, "watchfiles": {"generator.serve"},
              "fontTools": {"generator.render.webfonts"}, "brotli": set(),
              "playwright": set(), "axe_playwright_python": set()}
    for path in (ROOT / "generator").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                library = name.split(".")[0]
                if library in owners:
                    assert module in owners[library], f"{module} imports {library}"
                if library == "reportlab":
                    assert module.startswith("generator.render"), f"{module} imports reportlab"
