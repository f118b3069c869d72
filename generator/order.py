"""`cards build DECK --for SERVICE`: the files a print service wants, named the way its
uploader sorts them, in `output/<deck>/<service>/`, with an ORDER.txt saying what to
upload where, which size and stock to choose and how many cards; checked by the
pre-order check before anything is written (printing/serviceorder.py).

The deck is composed again at the size the service sells nearest to its layout (within
1 mm a side; else refused, with the sizes it sells), with the service's bleed and at least
its safe margin, so every fit and preflight check runs on what is sent. A PDF service gets
the press file in its page order and printing condition, its colours brought within the
service's ink limit through its ICC profile (each moved colour reported with its ΔE); a
PNG service gets each face rendered from the deck's screen colours, at its exact pixel size.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

from generator.content.conditions import CONDITIONS, profile_path
from generator.content.deck import read_deck
from generator.content.model import Deck
from generator.content.translations import edition as translate_edition
from generator.content.translations import translator_for
from generator.design.layout import load_layout
from generator.design.services import Service, ServiceSize, face_file_name, load_service, nearest_size, page_order
from generator.errors import BuildError, Problems, Where
from generator.pipeline import choose_design, compose_faces, write_file
from generator.printing.inklimit import Moved, colours_of, faces_within, fitted, total
from generator.printing.inks import inks
from generator.printing.outputs import PrintOptions, build_epoch, output_for
from generator.printing.serviceorder import preorder_problems

ORDER_NOTE = "ORDER.txt"


@dataclass(frozen=True)
class Order:
    deck: Deck
    service: Service
    size: ServiceSize
    folder: Path
    files: tuple[Path, ...]  # what to upload, in upload order
    notes: tuple[str, ...]  # what the person ordering should know (size mapped, colours moved)


def build_for(deck_dir: Path, service_name: str, out_dir: Path | None = None, layout_name: str | None = None,
              theme_name: str | None = None, output_root: Path = Path("output"), language: str | None = None) -> Order:
    """The service's files for one deck, in `language` (default: the deck's own); BuildError
    (nothing written) on any problem, an untranslated text included: an order is final."""
    problems = Problems()
    deck = read_deck(deck_dir, problems)
    problems.raise_if_any()
    assert deck is not None
    if language is not None and language != deck.languages[0]:
        if language not in deck.languages:
            problems.add(Where("command line"), f"--language {language}: the deck is printed in "
                                                f"{', '.join(deck.languages)} (deck.yaml 'languages')")
            problems.raise_if_any()
        translator = translator_for(deck, language, problems)
        deck = translate_edition(deck, language, translator)
        problems.raise_if_any()
    service = load_service(service_name, deck_dir, problems, Where("command line"))
    design = choose_design(deck, layout_name, theme_name, problems)
    problems.raise_if_any()
    assert service is not None and design is not None
    layout = design.layout
    size = nearest_size(service, layout.width, layout.height)
    if size is None:
        problems.add(Where("command line"), f"{service.title} sells no card the size of the {layout.name} layout "
                                            f"({_mm(layout.width)} x {_mm(layout.height)} mm): it sells "
                                            f"{', '.join(s.label for s in service.sizes)}; choose a layout of one of them "
                                            "(cards list layouts), e.g. --layout poker")
        problems.raise_if_any()
    assert size is not None
    fitted_layout = load_layout(layout.name, Path(deck.folder), problems, Where("command line"),
                                trim=(size.width, size.height), bleed=service.bleed, safe_at_least=service.safe,
                                qr_side=deck.qr_side)
    problems.raise_if_any()
    design = replace(design, layout=fitted_layout)
    faces = list(compose_faces(deck, design, problems))
    problems.raise_if_any()
    notes = []
    if service.sizes and (abs(size.width - layout.width) > 0.01 or abs(size.height - layout.height) > 0.01):
        notes.append(f"the {layout.name} layout ({_mm(layout.width)} x {_mm(layout.height)} mm) is printed at "
                     f"{service.title}'s nearest size, {size.label}")
    epoch = build_epoch(deck.date, dict(os.environ))
    folder = out_dir if out_dir is not None else output_root / deck.id / (service.name if deck.stem == deck.id else f"{service.name}-{deck.language}")
    with tempfile.TemporaryDirectory(prefix="cards-order-") as temporary:
        staging = Path(temporary)
        if service.files == "pdf":
            faces, moved = _within_ink_limit(faces, service, deck, problems)
            problems.raise_if_any()
            notes += [_moved_note(m, service) for m in moved]
            files = [_press_file(deck, design, faces, service, epoch, staging)]
        else:
            files = _face_images(deck, design, faces, service, size, epoch, staging)
        found = [p for p in preorder_problems(files, service, size, len(deck.behaviours)) if p.is_error]
        if found:
            raise BuildError(found)
        (staging / ORDER_NOTE).write_text(order_text(deck, service, size, [f.name for f in files], notes),
                                          encoding="utf-8", newline="\n")
        written = _publish(staging, folder, [f.name for f in files] + [ORDER_NOTE], _face_names(service))
    return Order(deck, service, size, folder, tuple(written[:-1]), tuple(notes))


def _within_ink_limit(faces, service: Service, deck: Deck, problems: Problems) -> tuple[list, list[Moved]]:
    if service.ink_limit is None:
        return faces, []
    over = [c for c in colours_of(faces) if total(c) > service.ink_limit + 0.05]
    if not over:
        return faces, []
    condition = CONDITIONS[service.printing or "fogra39"]
    profile = profile_path(condition, Path(deck.folder))
    moves = fitted(over, profile, service.ink_limit) if profile is not None else None
    if moves is None:
        problems.add(Where("command line"), f"colours over {service.title}'s {service.ink_limit:g} % ink limit "
                                            f"({', '.join(inks(c) for c in dict.fromkeys(over))}) cannot be brought within it: "
                                            f"no usable ICC profile for {condition.name} (layouts/profiles/)")
        return faces, []
    return faces_within(faces, moves), list(moves.values())


def _moved_note(moved: Moved, service: Service) -> str:
    return (f"{inks(moved.before)} ({total(moved.before):.0f} % ink) printed as {inks(moved.after)} "
            f"({total(moved.after):.0f} %) to keep within {service.title}'s {service.ink_limit:g} % limit: ΔE00 {moved.delta_e:.1f}")


def _press_file(deck: Deck, design, faces, service: Service, epoch: int, staging: Path) -> Path:
    by_place = {(face.position, face.side): face for face in faces}
    ordered = tuple(by_place[place] for place in page_order(len(deck.behaviours), service.order))
    condition = CONDITIONS[service.printing or "fogra39"]
    output = output_for(deck, design, ordered, "press", None, PrintOptions(), epoch, condition=condition,
                        profile=profile_path(condition, Path(deck.folder)))
    output = replace(output, name=f"{deck.stem}-{service.name}.pdf")
    target = staging / output.name
    write_file(output, target)
    return target


def _face_images(deck: Deck, design, faces, service: Service, size: ServiceSize, epoch: int, staging: Path) -> list[Path]:
    from generator.printing.preflight import rendered_pages
    from generator.render.bitmaps import save_png
    from generator.render.fonts import register_fonts
    from generator.render.press import write_screen_faces

    output = output_for(deck, design, tuple(faces), "screen", None, PrintOptions(), epoch)
    register_fonts(output.font_files)
    pdf = staging / "faces.pdf"
    write_screen_faces(pdf, output.identity, faces, output.note_font)
    wanted = service.pixels(size)
    dpi = service.dpi or 300
    count = len(deck.behaviours)
    files = []
    for face, (page, _, _) in zip(faces, rendered_pages(pdf, dpi)):
        if page.size != wanted:  # a rounding of the page's points: the service's size is exact
            page = page.resize(wanted)
        target = staging / face_file_name(service, face.side, face.position, count)
        save_png(page, target, dpi)
        files.append(target)
    pdf.unlink()
    fronts = [f for f, face in zip(files, faces) if face.side == "front"]
    backs = [f for f, face in zip(files, faces) if face.side == "back"]
    return fronts + backs


def order_text(deck: Deck, service: Service, size: ServiceSize, names: list[str], notes: list[str]) -> str:
    """ORDER.txt: what to upload where, the size and stock to choose, how many cards."""
    cards = len(deck.behaviours)
    upload = textwrap.fill(service.upload.replace("{file}", names[0] if len(names) == 1 else f"the {len(names)} files").strip(),
                           88, break_on_hyphens=False)
    lines = [
        f"{deck.title}: ordering from {service.title}",
        "",
        f"Service:  {service.description}",
        f"Size:     {size.label}" if service.sizes else "Size:     the deck's own, cut as designed"
        + f" ({_mm(size.width)} x {_mm(size.height)} mm)",
        f"Stock:    {service.stock}" if service.stock else "",
        f"Cards:    {cards} (each a front and a back: {2 * cards} {'pages' if service.files == 'pdf' else 'images'})",
        "",
        "Upload:",
        *(f"  {name}" for name in names),
        "",
        upload,
        "",
    ]
    if notes:
        lines += ["Note:", *(f"  - {note}" for note in notes), ""]
    read = f"as read on {service.checked}" if service.checked else "as summarised, not yet read against it"
    lines += [f"These files passed the pre-order check for {service.title} (cards preflight --for {service.name} FILES...),",
              f"made from its guide {read}: {service.source}",
              "Check the guide before ordering: services change their requirements."]
    return "\n".join(line for line in lines if line is not None) + "\n"


def _publish(staging: Path, folder: Path, names: list[str], ours: re.Pattern | None) -> list[Path]:
    """Move the files into `folder`, replacing an earlier order's, and removing the faces
    an earlier order wrote that this one does not (names `ours` matches; nothing else)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():  # a face the deck no longer has (it lost cards since)
        if old.is_file() and old.name not in names and ours is not None and ours.fullmatch(old.name):
            old.unlink()
    written = []
    for name in names:
        target = folder / name
        partial = target.with_name(name + ".partial")
        shutil.move(str(staging / name), str(partial))
        partial.replace(target)
        written.append(target)
    return written


def _face_names(service: Service) -> re.Pattern | None:
    if service.files != "png":
        return None
    pattern = re.escape(service.names).replace(re.escape("{side}"), "(front|back)").replace(re.escape("{number}"), r"\d+")
    return re.compile(pattern)


def _mm(points: float) -> str:
    return f"{points * 25.4 / 72:.1f}".rstrip("0").rstrip(".")
