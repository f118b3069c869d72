"""The one Jinja2 environment: sandboxed, undefined names are errors. Only module importing Jinja2.

Layout regions say what text goes where as small templates over the card's data,
e.g. `{{ card.title }}` or `{{ position }}/{{ count }}`. Output is plain text (no
markup), so `&`, `<` and `>` in content print exactly as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import Problems, Where, display_path
from .fields import suggestion

_ENVIRONMENT = SandboxedEnvironment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=False,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=lambda value: "" if value is None else value,  # an absent optional field prints nothing
)


@dataclass(frozen=True)
class TextTemplate:
    source: str
    where: Where
    block: bool  # source started on the line after `where` (a YAML block scalar)
    _compiled: jinja2.Template

    def render(self, context: dict, problems: Problems, about: str) -> str | None:
        try:
            return self._compiled.render(context)
        except jinja2.UndefinedError as err:
            problems.add(self.where, f"{about}: {_undefined_message(err.message or '', context)}")
        except jinja2.TemplateError as err:
            problems.add(self.where, f"{about}: template error: {err.message or err}")
        except (TypeError, ValueError, ArithmeticError, LookupError) as err:
            problems.add(self.where, f"{about}: template error: {err}")
        return None


def _undefined_message(message: str, context: dict) -> str:
    """Jinja's "'dict object' has no attribute 'titel'" as a message a designer can act on."""
    match = re.search(r"'(\w+)' (?:is undefined|$)|attribute '(\w+)'", message)
    name = next((g for g in match.groups() if g), None) if match else None
    if name is None:
        return f"template uses an unknown name: {message}"
    return f"template uses '{name}', which is not defined{suggestion(name, sorted(_names(context)), list_known=False)}"


def _names(value: object) -> set[str]:
    if not isinstance(value, dict):
        return set()
    names = set(value)
    for inner in value.values():
        names |= _names(inner)
    return names


def load_template(path: Path, problems: Problems) -> TextTemplate | None:
    """A template kept in its own file; problems point at the file's lines."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problems.add(Where(display_path(path)), f"cannot read template: {err}")
        return None
    return compile_template(source, Where(display_path(path), 1, 1), False, problems)


def compile_template(source: str, where: Where, block: bool, problems: Problems) -> TextTemplate | None:
    try:
        compiled = _ENVIRONMENT.from_string(source)
    except jinja2.TemplateSyntaxError as err:
        first_line = where.line + (1 if block else 0)
        line = first_line + max((err.lineno or 1) - 1, 0)
        col = where.col if line == where.line else 1
        problems.add(Where(where.path, line, col), f"template syntax: {err.message}")
        return None
    return TextTemplate(source, where, block, compiled)
