"""The deck template: generated from python-pptx's default, or the user's own.

:func:`generate_template` writes ``templates/rapat_koordinasi.pptx`` (16:9, sizes that
read well on a projector, three layouts named "Judul", "Isi" and "Bagian").
:func:`open_template` opens any template and finds the three layouts the deck needs by
name, with a clear Indonesian error naming what is missing. Placeholders are used by
their index (0 = title, 1 = body/subtitle), never by name, so corporate templates in
any language work.

Regenerate the bundled template with
``python -c "from kip_training.deck import generate_template; generate_template()"``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from kip_training.deck import pptx_internals
from kip_training.errors import DeckError
from kip_training.paths import TEMPLATES_DIR

DEFAULT_TEMPLATE = TEMPLATES_DIR / "rapat_koordinasi.pptx"

#: The bundled template's theme fonts: a font LibreOffice on Debian has
#: (fonts-liberation), metric-compatible with Arial. The deck itself never names a font:
#: its text uses the theme's fonts (+mj-lt for titles, +mn-lt for the rest).
FONT = "Liberation Sans"
MAJOR_FONT = "+mj-lt"
MINOR_FONT = "+mn-lt"
#: Language tag of every run of deck text (spelling, hyphenation, number reading).
LANG = "id-ID"

#: The bundled theme's colours, as RGB hex (written into the theme; the deck draws
#: with the theme's slots, see :class:`Colour`).
NAVY = "1F3A5F"
TEAL = "2A9D8F"
ORANGE = "E07A1F"
GREY = "5F6B7A"
LIGHT = "EEF2F6"
#: Tones that mean something (good / middle / bad) stay the same in every template.
RED = "B83227"
ORANGE = "C8611C"
AMBER = "B7791F"
OLIVE = "5E8A2E"
GREEN = "1E7F4F"


@dataclass(frozen=True)
class Colour:
    """A colour: a theme slot (``scheme``, optionally lightened) or a fixed RGB value.

    Theme slots are written as ``a:schemeClr`` so that a user's template, whose theme
    has other colours, restyles every table, card and chart drawn with them.
    ``brightness`` is python-pptx's: 0.8 lightens by 80 % (lumMod 20 %, lumOff 80 %).
    """

    scheme: str = ""
    rgb: str = ""
    brightness: float = 0.0

    def xml(self) -> str:
        """The ``a:schemeClr``/``a:srgbClr`` element, as XML text."""
        if self.rgb:
            return f'<a:srgbClr val="{self.rgb}"/>'
        if self.brightness > 0:
            mod, off = round((1 - self.brightness) * 100000), round(self.brightness * 100000)
            return (
                f'<a:schemeClr val="{self.scheme}"><a:lumMod val="{mod}"/>'
                f'<a:lumOff val="{off}"/></a:schemeClr>'
            )
        if self.brightness < 0:
            mod = round((1 + self.brightness) * 100000)
            return f'<a:schemeClr val="{self.scheme}"><a:lumMod val="{mod}"/></a:schemeClr>'
        return f'<a:schemeClr val="{self.scheme}"/>'

    def apply(self, color_format: Any) -> None:
        """Set a python-pptx ``ColorFormat`` (of a fill or a font) to this colour."""
        if self.rgb:
            color_format.rgb = RGBColor.from_string(self.rgb)
            return
        color_format.theme_color = _THEME_SLOTS[self.scheme]
        if self.brightness:
            color_format.brightness = self.brightness


def _theme_slots() -> dict[str, Any]:
    return {
        "accent1": MSO_THEME_COLOR.ACCENT_1,
        "accent2": MSO_THEME_COLOR.ACCENT_2,
        "accent3": MSO_THEME_COLOR.ACCENT_3,
        "accent4": MSO_THEME_COLOR.ACCENT_4,
        "accent5": MSO_THEME_COLOR.ACCENT_5,
        "accent6": MSO_THEME_COLOR.ACCENT_6,
        "tx1": MSO_THEME_COLOR.TEXT_1,
        "tx2": MSO_THEME_COLOR.TEXT_2,
        "bg1": MSO_THEME_COLOR.BACKGROUND_1,
        "bg2": MSO_THEME_COLOR.BACKGROUND_2,
    }


_THEME_SLOTS = _theme_slots()

#: The deck's colours by role.
ACCENT = Colour("accent1")  # table headers, chart bars, headline numbers
ACCENT_LIGHT = Colour("accent1", brightness=0.85)  # banded rows, cards
HIGHLIGHT = Colour("accent2")  # a called-out category
BANNER = Colour("accent2", brightness=0.75)  # an emphasised text block
TEXT = Colour("tx1")
MUTED = Colour("tx1", brightness=0.4)  # secondary text, grouped "Lainnya" bars
ON_ACCENT = Colour("bg1")  # text on an accent fill
BACKGROUND = Colour("bg1")
#: Tones and bands (the same in every template: their meaning must not change).
TONES: dict[str, Colour] = {
    "baik": Colour(rgb=GREEN),
    "cukup": Colour(rgb=OLIVE),
    "sedang": Colour(rgb=AMBER),
    "kurang": Colour(rgb=ORANGE),
    "buruk": Colour(rgb=RED),
}
#: Series colours of multi-series charts, in order.
SERIES = tuple(Colour(f"accent{i}") for i in range(1, 7))


def title_size(layout: Any) -> float:
    """The title size (points) a layout gives its title: its own style, else the master's."""
    qn_sz = f"{{{_A}}}defRPr"
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.idx == 0:
            lvl = placeholder.element.find(f".//{{{_A}}}lstStyle/{{{_A}}}lvl1pPr/{qn_sz}")
            if lvl is not None and lvl.get("sz"):
                return int(lvl.get("sz")) / 100
    styles = layout.slide_master.element.find(f"{{{_P}}}txStyles")
    lvl = None if styles is None else styles.find(f"{{{_P}}}titleStyle/{{{_A}}}lvl1pPr/{qn_sz}")
    if lvl is not None and lvl.get("sz"):
        return int(lvl.get("sz")) / 100
    return 44.0  # PowerPoint's default title size


def placeholder_size(placeholder: Any) -> float:
    """The first-level text size (points) a layout placeholder gives, else 18."""
    lvl = placeholder.element.find(f".//{{{_A}}}lstStyle/{{{_A}}}lvl1pPr/{{{_A}}}defRPr")
    if lvl is not None and lvl.get("sz"):
        return int(lvl.get("sz")) / 100
    return 18.0


def theme_fonts(owner: Any) -> tuple[str, str]:
    """The (major, minor) latin typefaces of the theme of ``owner`` (a presentation or a
    layout: anything with a ``slide_master``)."""

    theme_part = owner.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    found = []
    for tag in ("majorFont", "minorFont"):
        latin = root.find(f".//{{{_A}}}{tag}/{{{_A}}}latin")
        found.append(latin.get("typeface", "") if latin is not None else "")
    return found[0] or FONT, found[1] or FONT


#: Layout roles the deck uses -> names accepted for them (case-insensitive).
LAYOUT_NAMES: dict[str, tuple[str, ...]] = {
    "judul": ("Judul", "Title Slide", "Slide Judul"),
    "isi": ("Isi", "Title and Content", "Judul dan Isi"),
    "bagian": ("Bagian", "Section Header", "Judul Bagian"),
}
#: Placeholder indices each role must have.
REQUIRED_PLACEHOLDERS: dict[str, tuple[int, ...]] = {
    "judul": (0, 1),
    "isi": (0, 1),
    "bagian": (0,),
}
ROLE_LABELS = {"judul": "slide judul", "isi": "slide isi", "bagian": "slide bagian"}

EMU_PER_INCH = 914400
#: The slide number box of the bundled template (left, top, width, height in inches).
NUMBER_BOX = (13.333 - 0.6 - 2.0, 7.08, 2.0, 0.36)
NUMBER_PT = 14
SLIDE_WIDTH = int(13.333 * EMU_PER_INCH)
SLIDE_HEIGHT = int(7.5 * EMU_PER_INCH)

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@dataclass
class Template:
    """An opened template: the presentation and its layouts by role."""

    presentation: Any
    layouts: dict[str, Any]
    path: Path

    @property
    def fonts(self) -> tuple[str, str]:
        """The theme's (major, minor) typefaces: titles, and everything else."""
        return theme_fonts(self.presentation)


def _layout_name_matches(name: str, role: str) -> bool:
    return name.strip().casefold() in {n.casefold() for n in LAYOUT_NAMES[role]}


def find_layouts(presentation: Any, source: Path | str = "templat") -> dict[str, Any]:
    """The layouts of each role, or a DeckError listing every missing layout/placeholder."""
    available = [layout.name for layout in presentation.slide_layouts]
    found: dict[str, Any] = {}
    problems: list[str] = []
    for role, names in LAYOUT_NAMES.items():
        layout = next(
            (lay for lay in presentation.slide_layouts if _layout_name_matches(lay.name, role)),
            None,
        )
        if layout is None:
            accepted = ", ".join(f'"{n}"' for n in names)
            problems.append(f"tata letak {ROLE_LABELS[role]} (nama yang diterima: {accepted})")
            continue
        indices = {ph.placeholder_format.idx for ph in layout.placeholders}
        missing = [i for i in REQUIRED_PLACEHOLDERS[role] if i not in indices]
        if missing:
            problems.append(
                f'placeholder indeks {", ".join(map(str, missing))} pada tata letak "{layout.name}"'
            )
            continue
        found[role] = layout
    if problems:
        raise DeckError(
            f"Templat {source} tidak dapat dipakai; yang tidak ada: "
            + "; ".join(problems)
            + ". Tata letak yang ada: "
            + (", ".join(f'"{n}"' for n in available) or "tidak ada")
            + "."
        )
    return found


def open_template(path: Path | str | None = None) -> Template:
    """Open a template (the bundled one by default) and find its layouts."""
    chosen = Path(path) if path else DEFAULT_TEMPLATE
    if path is None and not chosen.is_file():
        generate_template(chosen)
    if not chosen.is_file():
        raise DeckError(f"Berkas templat {chosen} tidak ditemukan.")
    try:
        presentation = Presentation(str(chosen))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise DeckError(
            f"Berkas templat {chosen} bukan berkas PowerPoint (.pptx) yang dapat dibaca: {exc}"
        ) from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors on a damaged file
        raise DeckError(
            f"Berkas templat {chosen} bukan berkas PowerPoint (.pptx) yang dapat dibaca: {exc}"
        ) from None
    layouts = find_layouts(presentation, chosen)
    _drop_existing_slides(presentation)
    return Template(presentation, layouts, chosen)


def _drop_existing_slides(presentation: Any) -> None:
    """A template may carry example slides; the deck starts empty."""
    id_list = pptx_internals.slide_id_list(presentation)
    for slide_id in list(id_list):
        presentation.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


# --------------------------------------------------------------------------- generation


def _inches(value: float) -> int:
    return int(value * EMU_PER_INCH)


def _set_geometry(shape: Any, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top = _inches(left), _inches(top)
    shape.width, shape.height = _inches(width), _inches(height)


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    ns, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{_A if ns == 'a' else _P}}}{name}")
    for key, value in attrs.items():
        element.set(key, value)
    return element


def _set_level_style(
    lvl: Any, size_pt: float, color: Colour | None = None, bold: bool | None = None
) -> None:
    """Set size (and colour) on a ``a:lvlNpPr`` element's ``a:defRPr``."""
    def_rpr = lvl.find(f"{{{_A}}}defRPr")
    if def_rpr is None:
        def_rpr = _sub(lvl, "a:defRPr")
    def_rpr.set("sz", str(int(size_pt * 100)))
    if bold is not None:
        def_rpr.set("b", "1" if bold else "0")
    if color:
        for old in def_rpr.findall(f"{{{_A}}}solidFill"):
            def_rpr.remove(old)
        fill = parse_xml(f'<a:solidFill xmlns:a="{_A}">{color.xml()}</a:solidFill>')
        def_rpr.insert(0, fill)


def _placeholder_style(
    placeholder: Any,
    size_pt: float,
    color: Colour | None = None,
    bold: bool | None = None,
    align: str | None = None,
    anchor: str | None = None,
) -> None:
    """Give a layout placeholder its own first-level text style (lstStyle)."""
    tx_body = placeholder.element.find(f"{{{_P}}}txBody")
    if tx_body is None:
        return
    body_pr = tx_body.find(f"{{{_A}}}bodyPr")
    if anchor and body_pr is not None:
        body_pr.set("anchor", anchor)
    lst = tx_body.find(f"{{{_A}}}lstStyle")
    if lst is None:
        lst = _sub(tx_body, "a:lstStyle")
        tx_body.remove(lst)
        tx_body.insert(1, lst)
    for old in list(lst):
        lst.remove(old)
    lvl = _sub(lst, "a:lvl1pPr", marL="0", indent="0")
    if align:
        lvl.set("algn", align)
    _sub(lvl, "a:buNone")
    _set_level_style(lvl, size_pt, color, bold)


def _edit_theme(presentation: Any) -> None:
    theme_part = presentation.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    for tag in ("majorFont", "minorFont"):
        for font in root.iter(f"{{{_A}}}{tag}"):
            latin = font.find(f"{{{_A}}}latin")
            if latin is not None:
                latin.set("typeface", FONT)
    colors = {
        "dk2": NAVY,
        "lt2": LIGHT,
        "accent1": NAVY,
        "accent2": ORANGE,
        "accent3": TEAL,
        "accent4": "8E6C8A",
        "accent5": GREY,
        "accent6": "C9A227",
    }
    for scheme in root.iter(f"{{{_A}}}clrScheme"):
        scheme.set("name", "Rapat Koordinasi")
        for key, value in colors.items():
            slot = scheme.find(f"{{{_A}}}{key}")
            if slot is None:
                continue
            for child in list(slot):
                slot.remove(child)
            _sub(slot, "a:srgbClr", val=value)
    theme_part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _edit_master_styles(master: Any) -> None:
    styles = master.element.find(f"{{{_P}}}txStyles")
    title = styles.find(f"{{{_P}}}titleStyle").find(f"{{{_A}}}lvl1pPr")
    title.set("algn", "l")
    _set_level_style(title, 30, Colour("tx2"), bold=True)
    body = styles.find(f"{{{_P}}}bodyStyle")
    sizes = {1: 22, 2: 20, 3: 18}
    for level in range(1, 10):
        lvl = body.find(f"{{{_A}}}lvl{level}pPr")
        if lvl is not None:
            _set_level_style(lvl, sizes.get(level, 18), TEXT)
    # bullets in the theme's body font, not a named one (python-pptx's default says Arial)
    for bullet_font in styles.iter(f"{{{_A}}}buFont"):
        bullet_font.set("typeface", MINOR_FONT)


def _accent_bar(presentation: Any, layout: Any, left: float, top: float, width: float) -> None:
    """Draw a thin coloured bar on a layout (via a scratch slide: layouts cannot add shapes)."""
    scratch = presentation.slides.add_slide(layout)
    bar = scratch.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, _inches(left), _inches(top), _inches(width), _inches(0.06)
    )
    bar.fill.solid()
    Colour("accent3").apply(bar.fill.fore_color)
    bar.line.fill.background()
    bar.name = "Garis aksen"
    pptx_internals.shape_tree(layout).append(copy.deepcopy(bar.element))
    _drop_existing_slides(presentation)


def generate_template(path: Path | str = DEFAULT_TEMPLATE) -> Path:
    """Write the bundled deck template, built from python-pptx's default template."""
    presentation = Presentation()
    presentation.slide_width = SLIDE_WIDTH
    presentation.slide_height = SLIDE_HEIGHT
    _edit_theme(presentation)
    master = presentation.slide_master
    _edit_master_styles(master)
    margin, width = 0.6, 13.333 - 1.2
    for placeholder in master.placeholders:
        idx_type = placeholder.placeholder_format.type
        name = str(idx_type)
        if "TITLE" in name:
            _set_geometry(placeholder, margin, 0.3, width, 0.95)
        elif "BODY" in name:
            _set_geometry(placeholder, margin, 1.5, width, 5.55)
        elif "DATE" in name:
            _set_geometry(placeholder, margin, 7.1, 2.5, 0.3)
        elif "FOOTER" in name:
            _set_geometry(placeholder, 4.4, 7.1, 4.5, 0.3)
        elif "SLIDE_NUMBER" in name:
            _set_geometry(placeholder, *NUMBER_BOX)
            _placeholder_style(placeholder, NUMBER_PT, MUTED, False, "r", "ctr")

    keep = {
        "Title Slide": "Judul",
        "Title and Content": "Isi",
        "Section Header": "Bagian",
        "Title Only": "Judul Saja",
        "Blank": "Kosong",
    }
    for layout in list(presentation.slide_layouts):
        if layout.name not in keep:
            presentation.slide_layouts.remove(layout)
    for layout in presentation.slide_layouts:
        original = layout.name
        layout.name = keep[original]
        for placeholder in layout.placeholders:
            idx = placeholder.placeholder_format.idx
            if idx == 10:
                _set_geometry(placeholder, margin, 7.1, 2.5, 0.3)
            elif idx == 11:
                _set_geometry(placeholder, 4.4, 7.1, 4.5, 0.3)
            elif idx == 12:
                _set_geometry(placeholder, *NUMBER_BOX)
                dark = original in ("Title Slide", "Section Header")
                _placeholder_style(placeholder, NUMBER_PT, ON_ACCENT if dark else MUTED, False, "r")
        placeholders = {ph.placeholder_format.idx: ph for ph in layout.placeholders}
        if original == "Title Slide":
            layout.background.fill.solid()
            ACCENT.apply(layout.background.fill.fore_color)
            _set_geometry(placeholders[0], 0.9, 2.0, 11.5, 1.9)
            _placeholder_style(placeholders[0], 40, ON_ACCENT, True, "l", "b")
            _set_geometry(placeholders[1], 0.9, 4.3, 11.5, 1.6)
            _placeholder_style(placeholders[1], 22, Colour("bg2"), False, "l", "t")
            _accent_bar(presentation, layout, 0.9, 4.05, 3.0)
        elif original == "Section Header":
            layout.background.fill.solid()
            Colour("accent3").apply(layout.background.fill.fore_color)
            _set_geometry(placeholders[0], 0.9, 2.4, 11.5, 1.4)
            _placeholder_style(placeholders[0], 40, ON_ACCENT, True, "l", "b")
            _set_geometry(placeholders[1], 0.9, 4.0, 11.5, 1.2)
            _placeholder_style(placeholders[1], 22, ON_ACCENT, False, "l", "t")
        else:
            for idx, placeholder in placeholders.items():
                if idx == 0:
                    _set_geometry(placeholder, margin, 0.3, width, 0.95)
                elif idx == 1:
                    _set_geometry(placeholder, margin, 1.5, width, 5.55)
            _accent_bar(presentation, layout, margin, 1.27, width)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    presentation.save(str(target))
    return target
