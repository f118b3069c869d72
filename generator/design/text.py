"""The one Jinja2 environment: sandboxed, undefined names are errors. Only module importing Jinja2.

Layout regions say what text goes where as small templates over the card's data,
e.g. `{{ card.title }}` or `{{ position }}/{{ count }}`. Output is plain text (no
markup), so `&`, `<` and `>` in content print exactly as written.

Templates run under resource limits, so a hostile or careless template is refused
quickly in bounded memory: no text or list made inside a template may exceed
MAX_TEXT characters or MAX_ITEMS items (checked before it is made where it could be
large: `*`, `+`, `~`, `%`, `**`, joins, and size arguments to filters, methods and
formats), everything a render makes counts against MAX_MADE, loops share a budget of
MAX_LOOP_STEPS steps a render, the output stops at MAX_TEXT, blocks nest at most
MAX_NESTING deep, and data is read-only (no `list.append`).
"""
from __future__ import annotations

import contextvars
import functools
import importlib.util
import marshal
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from generator.content.cachefolder import content_key, read_entry, write_entry
from generator.content.fields import suggestion
from generator.content.yamlsource import read_text_file
from generator.errors import Problems, Where, display_path

MAX_TEXT = 1_000_000  # characters: a 1,000-card pack section is under a tenth of this
MAX_ITEMS = 100_000
MAX_SIZE_ARGUMENT = 100_000  # a width, count or repeat given to a filter or method
MAX_LOOP_STEPS = 1_000_000  # every loop of one render together
MAX_NUMBER_BITS = 4_096
_LONG_NUMBER = re.compile(r"\d{7,}")  # a width or precision in a format string


class TemplateLimit(Exception):
    """A template would exceed a resource limit; the message says which."""


MAX_MADE = 20_000_000  # characters and items made in all by one render, kept or not


class _Budget:
    def __init__(self) -> None:
        self.steps = MAX_LOOP_STEPS
        self.made = MAX_MADE


_BUDGET: contextvars.ContextVar[_Budget] = contextvars.ContextVar("template_budget")


def _check_size(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise TemplateLimit(f"it makes a text longer than {MAX_TEXT:,} characters")
    if isinstance(value, (list, tuple, dict, set)) and len(value) > MAX_ITEMS:
        raise TemplateLimit(f"it makes a list longer than {MAX_ITEMS:,} items")
    if isinstance(value, (str, list, tuple, dict, set)):
        budget = _BUDGET.get(None)
        if budget is not None:
            budget.made -= len(value)
            if budget.made < 0:  # a loop making big texts it throws away still takes the time
                raise TemplateLimit(f"it makes more than {MAX_MADE:,} characters and items in all")
    return value


def _check_parts(parts: Any) -> None:
    """What joining `parts` would make, before it is made."""
    if isinstance(parts, (list, tuple)) and sum(len(p) if isinstance(p, str) else 16 for p in parts) > MAX_TEXT:
        raise TemplateLimit(f"it makes a text longer than {MAX_TEXT:,} characters")


def _check_arguments(args: tuple, kwargs: dict) -> None:
    for value in list(args) + list(kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE_ARGUMENT:
            raise TemplateLimit(f"it passes {value} as a size or count (the limit is {MAX_SIZE_ARGUMENT:,})")


def _check_format(text: Any, arguments: tuple = ()) -> None:
    if isinstance(text, str) and _LONG_NUMBER.search(text):
        raise TemplateLimit("a format asks for a width or precision of a million or more")
    # A width or precision taken from the arguments (`'%.*f' % (n, x)`, `'{:{}}'.format(s, n)`)
    for value in arguments if isinstance(arguments, tuple) else (arguments,):
        if (_is_int(value) and abs(value) > MAX_SIZE_ARGUMENT) or (isinstance(value, str) and _LONG_NUMBER.fullmatch(value.strip())):
            raise TemplateLimit("a format asks for a width or precision of a million or more")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _checked_binop(operator: str, left: Any, right: Any) -> Any:
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if _size(sequence) and isinstance(times, int) and _size(sequence) * times > (MAX_TEXT if isinstance(sequence, str) else MAX_ITEMS):
                raise TemplateLimit(f"it repeats a text or list {times:,} times")
    elif operator == "+":
        if _size(left) + _size(right) > MAX_TEXT:
            raise TemplateLimit(f"it makes a text longer than {MAX_TEXT:,} characters")
    elif operator == "%":
        _check_format(left, right)
    if _is_int(left) and _is_int(right):
        bits = {"*": left.bit_length() + right.bit_length(), "**": left.bit_length() * max(right, 0)}.get(operator, 0)
        if bits > MAX_NUMBER_BITS:
            raise TemplateLimit(f"it makes a number of more than {MAX_NUMBER_BITS:,} bits")
    return _check_size(SandboxedEnvironment.default_binop_table[operator](left, right))


def _counted(iterable: Any):
    """Every loop's items pass through here: one step each from the render's budget."""
    budget = _BUDGET.get()
    for item in iterable:
        budget.steps -= 1
        if budget.steps < 0:
            raise TemplateLimit(f"its loops take more than {MAX_LOOP_STEPS:,} steps")
        yield item


def _limited_filter(name: str, function: Callable) -> Callable:
    @functools.wraps(function)
    def limited(*args: Any, **kwargs: Any) -> Any:
        _check_arguments(args, kwargs)
        if name == "format":
            _check_format(next((a for a in args if isinstance(a, str)), None), tuple(args[1:]) + tuple(kwargs.values()))
        if name == "join":  # join(eval_context, value, separator): the first list given is what is joined
            _check_parts(next((a for a in args if isinstance(a, (list, tuple))), None))
        if name == "replace":
            texts = [a for a in args if isinstance(a, str)]
            if len(texts) >= 3 and len(texts[0]) + (len(texts[0]) + 1) * len(texts[2]) > MAX_TEXT:
                raise TemplateLimit(f"it makes a text longer than {MAX_TEXT:,} characters")
        return _check_size(function(*args, **kwargs))

    return limited


def sentence(text: Any) -> str:
    """`{{ notice | sentence }}`: the text with a full stop, unless it already ends a sentence."""
    text = str(text).rstrip()
    return text if not text or text[-1] in ".!?…:;" or text.endswith(('."', ".'", ".”", ".’", ".)")) else text + "."


def plural(count: Any, word: str, plural_word: str | None = None) -> str:
    """`{{ themes | length | plural("theme") }}` -> "1 theme", "4 themes"."""
    return f"{count} {word if count == 1 else (plural_word or word + 's')}"


class _LimitedCodeGenerator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame) -> None:  # `a ~ b`
        self.write("environment.checked_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class _LimitedEnvironment(ImmutableSandboxedEnvironment):
    """Immutable: a template reads its data and makes text, never grows a list or a dict
    (`l.append(...)` in a loop once reached 3 GiB before any limit saw it)."""

    code_generator_class = _LimitedCodeGenerator
    intercepted_binops = frozenset({"*", "+", "%", "**"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.filters.update(sentence=sentence, plural=plural)
        self.filters = {name: _limited_filter(name, f) for name, f in self.filters.items()}
        self.filters["_counted"] = _counted
        self.globals.pop("lipsum", None)  # a hundred thousand paragraphs of Latin: no card needs it

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        return _checked_binop(operator, left, right)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _check_arguments(args, kwargs)
        name = getattr(__obj, "__name__", "")
        if name in ("format", "format_map"):
            _check_format(getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None), args + tuple(kwargs.values()))
        if name == "join" and args:
            _check_parts(args[0])
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def checked_concat(self, parts: tuple) -> str:
        texts = [str(part) for part in parts]
        if sum(map(len, texts)) > MAX_TEXT:
            raise TemplateLimit(f"it makes a text longer than {MAX_TEXT:,} characters")
        return _check_size("".join(texts))

    def limited_parse(self, source: str) -> nodes.Template:
        tree = self.parse(source)
        _check_nesting(tree)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_counted", [], [], None, None, lineno=loop.lineno)
        return tree


MAX_NESTING = 10  # blocks inside blocks ({% for %} in {% if %} ...): Python's compiler gives up near 20
_BLOCKS = (nodes.For, nodes.If, nodes.With, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.Block, nodes.Scope,
           nodes.ScopedEvalContextModifier)


def _check_nesting(tree: nodes.Template) -> None:
    """A TemplateSyntaxError at the first block nested more than MAX_NESTING deep."""
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, _BLOCKS):
            depth += 1
            if depth > MAX_NESTING:
                raise jinja2.TemplateSyntaxError(f"blocks nested more than {MAX_NESTING} deep ({{% for %}} in {{% if %}} "
                                                 "in ...); a template needs a few", node.lineno)
        stack.extend((child, depth) for child in node.iter_child_nodes())


_OPTIONS = dict(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False,
                trim_blocks=True, lstrip_blocks=True)
_ENVIRONMENT = _LimitedEnvironment(
    finalize=lambda value: "" if value is None else value,  # an absent optional field prints nothing
    **_OPTIONS,
)

# Templates that write markup (the facilitator pack's sections) must not read their data
# as markup: every value a `{{ ... }}` prints becomes a placeholder, \0N\0, for the N-th
# literal text, so only the template's own text is markup. (YAML content cannot hold
# NUL: control characters are refused on reading.)
_LITERALS: contextvars.ContextVar[list[str]] = contextvars.ContextVar("template_literals")
LITERAL = re.compile("\x00(\\d+)\x00")


@jinja2.pass_context  # evaluated at render time, never folded into the compiled template
def _placeholder(context, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # a number carries no markup: `{{ loop.index }}. step` stays a numbered step
    literals = _LITERALS.get()
    literals.append(str(value))
    return f"\x00{len(literals) - 1}\x00"


_MARKUP_ENVIRONMENT = _LimitedEnvironment(finalize=_placeholder, **_OPTIONS)


@dataclass(frozen=True)
class Marked:
    """A markup template's output: `text` with placeholders for `literals` (see LITERAL)."""

    text: str
    literals: tuple[str, ...]


@dataclass(frozen=True)
class TextTemplate:
    source: str
    where: Where
    block: bool  # source started on the line after `where` (a YAML block scalar)
    _compiled: jinja2.Template

    def render(self, context: dict, problems: Problems, about: str) -> str | None:
        token = _BUDGET.set(_Budget())
        try:
            return _render_limited(self._compiled, context)
        except jinja2.UndefinedError as err:
            problems.add(self._where_of(err), f"{about}: {_undefined_message(err.message or '', context)}")
        except jinja2.TemplateError as err:
            problems.add(self._where_of(err), f"{about}: template error: {err.message or err}")
        except TemplateLimit as err:
            problems.add(self._where_of(err), f"{about}: template stopped: {err}")
        except RecursionError as err:
            problems.add(self._where_of(err), f"{about}: template stopped: it calls itself too deeply")
        except MemoryError as err:  # a last resort: the limits above should come first
            problems.add(self._where_of(err), f"{about}: template stopped: it needs too much memory")
        except (TypeError, ValueError, ArithmeticError, LookupError) as err:
            problems.add(self._where_of(err), f"{about}: template error: {err}")
        finally:
            _BUDGET.reset(token)
        return None

    def __reduce__(self):
        """Sent to a worker process as its text, compiled again there (from the cache folder)."""
        return _recompiled, (self.source, self.where, self.block, self._compiled.environment is _MARKUP_ENVIRONMENT)

    def render_marked(self, context: dict, problems: Problems, about: str) -> Marked | None:
        """Render a markup template (`load_template(..., marked=True)`): its data kept apart as literals."""
        token = _LITERALS.set([])
        try:
            text = self.render(context, problems, about)
            return None if text is None else Marked(text, tuple(_LITERALS.get()))
        finally:
            _LITERALS.reset(token)

    def _where_of(self, err: BaseException) -> Where:
        """The template line the error happened on (Jinja maps its frames to template lines)."""
        line = 0
        traceback = err.__traceback__
        while traceback is not None:
            if traceback.tb_frame.f_code.co_filename == "<template>":
                line = traceback.tb_lineno
            traceback = traceback.tb_next
        return _source_where(self.where, self.block, line) if line else self.where


def _render_limited(template: jinja2.Template, context: dict) -> str:
    parts, length = [], 0
    for part in template.generate(context):
        length += len(part)
        if length > MAX_TEXT:
            raise TemplateLimit(f"its output is longer than {MAX_TEXT:,} characters")
        parts.append(part)
    return "".join(parts)


def _source_where(where: Where, block: bool, template_line: int) -> Where:
    """Template line N as a position in the file holding the template."""
    first_line = where.line + (1 if block else 0)
    line = first_line + max(template_line - 1, 0)
    return Where(where.path, line, where.col if line == where.line else 1)


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


def load_template(path: Path, problems: Problems, marked: bool = False) -> TextTemplate | None:
    """A template kept in its own file; problems point at the file's lines. A `marked`
    template writes markup, and the values it prints are kept apart (`render_marked`)."""
    source = read_text_file(path, problems, "template")
    if source is None:
        return None
    return compile_template(unicodedata.normalize("NFC", source), Where(display_path(path), 1, 1), False, problems, marked)


_COMPILED: dict[tuple[str, Where, bool, bool], TextTemplate] = {}
_COMPILED_MAX = 2048  # templates kept compiled in this process (a preview rebuilds the same ones on every save)


def compile_template(source: str, where: Where, block: bool, problems: Problems, marked: bool = False) -> TextTemplate | None:
    """A template compiled once per process for the same text at the same place: keyed by
    content, so an edited template compiles again."""
    key = (source, where, block, marked)
    found = _COMPILED.get(key)
    if found is not None:
        return found
    compiled = _compile(source, where, block, problems, marked)
    if compiled is not None:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[key] = compiled
    return compiled


def _recompiled(source: str, where: Where, block: bool, marked: bool) -> TextTemplate:
    compiled = compile_template(source, where, block, Problems(), marked)
    if compiled is None:  # it compiled in the process that sent it: the same code compiles here
        raise ValueError(f"{where}: a template that compiled no longer does")
    return compiled


def _compile(source: str, where: Where, block: bool, problems: Problems, marked: bool) -> TextTemplate | None:
    environment = _MARKUP_ENVIRONMENT if marked else _ENVIRONMENT
    key = content_key(_compiler_identity(), "marked" if marked else "plain", source)
    code = _cached_code(key)
    if code is None:
        try:
            code = environment.compile(environment.limited_parse(source))
        except jinja2.TemplateSyntaxError as err:
            problems.add(_source_where(where, block, err.lineno or 1), f"template syntax: {err.message}")
            return None
        except (RecursionError, SyntaxError, MemoryError):  # Python's compiler refusing the generated code
            problems.add(where, "template syntax: nested too deeply")
            return None
        write_entry("templates", key, marshal.dumps(code))
    compiled = environment.template_class.from_code(environment, code, environment.make_globals(None), None)
    return TextTemplate(source, where, block, compiled)


# Compiling a template is most of `cards validate` on a small deck, and the code depends
# only on the template's text, this module (its limits and options), Jinja2 (the code
# generator that writes it and the runtime it calls) and Python's bytecode: so compiled
# code is kept in the user's cache folder (generator.content.cachefolder) under all of them.
@functools.lru_cache(maxsize=1)
def _compiler_identity() -> bytes:
    parts = [importlib.util.MAGIC_NUMBER, getattr(jinja2, "__version__", "").encode()]
    for module in (__file__, jinja2.compiler.__file__, jinja2.runtime.__file__):
        try:
            parts.append(Path(module).read_bytes())
        except (OSError, TypeError):
            parts.append(b"?")
    return content_key(*parts).encode()  # hashed once: every template's key includes it


def _cached_code(key: str) -> Any:
    data = read_entry("templates", key)
    if data is None:
        return None
    try:
        code = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None  # a damaged entry: compiled again, and written again
    return code if type(code) is type(_cached_code.__code__) else None


@functools.lru_cache(maxsize=4)
def _web_environment(folder: str) -> jinja2.Environment:
    # The tool's own page templates (layouts/site): every value escaped as HTML, so a card
    # reading "<b>" or "&" shows exactly that text in the browser.
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                     keep_trailing_newline=True)
    environment.filters["paragraphs"] = paragraphs
    environment.globals["lang_of"] = _lang_of
    return environment


@jinja2.pass_context
def _lang_of(context, text: Any) -> Markup:
    """` lang="en"` for an element holding a draft's text printed untranslated (the page's
    `untranslated` texts, written in `written_in`), so a screen reader speaks it as English."""
    if text in context.get("untranslated", ()):
        return Markup(' lang="{}"').format(context["written_in"])
    return Markup("")


def paragraphs(text: Any) -> list[str]:
    """A text's paragraphs: apart by a blank line, as the deck reader keeps them."""
    return [part.strip() for part in re.split(r"\n[ \t]*\n", str(text)) if part.strip()]


def web_page(folder: Path, name: str, context: dict) -> str:
    """The HTML page `name` of the templates in `folder`, its data escaped."""
    return _web_environment(str(folder)).get_template(name).render(context)
