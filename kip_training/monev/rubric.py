"""A monev rubric as data: one YAML file per commission and year, read with line numbers.

The file names the commission and year, its indicators (each with a weight; the weights
sum to 100) and, per indicator, the sub-items with the evidence each needs. Optional:
the SAQ score needed to reach the presentation (``ambang_saq``) and the presentation's
share of the final score (``bobot_presentasi``), where the commission publishes them;
``data`` on a sub-item links it to a figure of the six-monthly reports
(:data:`kip_training.monev.figures.LINKS`).

Every problem is reported with the file and the line it is on (from the YAML nodes'
marks), all at once, as one :class:`RubricError`. Aliases (``*name``) are refused.
The bundled ``rubrik_contoh.yaml`` is an example (``contoh: true``), not a commission's
rubric.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from kip_training.errors import EXIT_INPUT, KipError
from kip_training.safe_yaml import NoAliasLoader

EXAMPLE_FILE = "rubrik_contoh.yaml"
MAX_BYTES = 1_000_000

TOP_KEYS = {
    "judul": True,
    "komisi": True,
    "tahun": True,
    "indikator": True,
    "contoh": False,
    "sumber": False,
    "keyakinan": False,
    "catatan": False,
    "ambang_saq": False,
    "bobot_presentasi": False,
}
INDICATOR_KEYS = {"kode": True, "nama": True, "bobot": True, "butir": True}
ITEM_KEYS = {"kode": True, "uraian": True, "bukti": True, "data": False}
CONFIDENCE_MARKS = ("teks", "sekunder", "belum_pasti")


class RubricError(KipError):
    """The rubric file is unusable; the message lists every problem with its line."""

    exit_code = EXIT_INPUT

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("rubrik tidak dapat dipakai:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class Item:
    """One sub-item of an indicator: what is assessed and the evidence it needs."""

    kode: str
    uraian: str
    bukti: str
    data: str | None = None


@dataclass(frozen=True)
class Indicator:
    kode: str
    nama: str
    bobot: float
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Rubric:
    """A commission's rubric for one year (or the bundled example)."""

    judul: str
    komisi: str
    tahun: int
    indicators: tuple[Indicator, ...]
    contoh: bool = False
    sumber: str = ""
    keyakinan: str = "sekunder"
    catatan: str = ""
    ambang_saq: float | None = None
    bobot_presentasi: float | None = None
    path: Path | None = None

    @property
    def items(self) -> list[tuple[Indicator, Item]]:
        return [(ind, item) for ind in self.indicators for item in ind.items]


class _Reader:
    """Walks the composed YAML nodes, collecting problems with their line numbers."""

    def __init__(self, name: str, loader: yaml.SafeLoader) -> None:
        self.name = name
        self.loader = loader
        self.problems: list[str] = []

    def add(self, node: yaml.Node | None, message: str) -> None:
        line = f" baris {node.start_mark.line + 1}" if node is not None else ""
        self.problems.append(f"{self.name}{line}: {message}")

    def mapping(
        self, node: yaml.Node, keys: dict[str, bool], what: str
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.add(node, f"{what} harus berupa pemetaan (kunci: nilai).")
            return None
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in keys:
                known = ", ".join(keys)
                self.add(
                    key_node, f"kunci '{key}' tidak dikenal di {what} (yang dikenal: {known})."
                )
            elif key in result:
                self.add(key_node, f"kunci '{key}' tertulis dua kali di {what}.")
            else:
                result[key] = value_node
        for key, required in keys.items():
            if required and key not in result:
                self.add(node, f"{what}: kunci '{key}' wajib ada.")
        return result

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return node  # a non-scalar: the caller's check reports it
        return self.loader.construct_object(node, deep=True)

    def text(self, fields: dict[str, yaml.Node], key: str, what: str) -> str:
        if key not in fields:
            return ""
        value = self.scalar(fields[key])
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.add(fields[key], f"{what}.{key} harus berupa teks yang tidak kosong.")
            return ""
        return " ".join(value.split())

    def number(self, fields: dict[str, yaml.Node], key: str, what: str) -> float | None:
        if key not in fields:
            return None
        value = self.scalar(fields[key])
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            self.add(fields[key], f"{what}.{key} harus berupa angka 0–100, bukan {value!r}.")
            return None
        return float(value)

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.add(node, f"{what} harus berupa daftar yang tidak kosong.")
            return []
        return list(node.value)


def _unique_code(r: _Reader, fields: dict[str, yaml.Node], what: str, seen: set[str]) -> str:
    """The ``kode`` of an indicator or item; a code used before is reported at its line."""
    kode = r.text(fields, "kode", what)
    if kode and kode in seen:
        r.add(fields["kode"], f"kode '{kode}' dipakai lebih dari sekali.")
    seen.add(kode)
    return kode


def _items(r: _Reader, nodes: list[yaml.Node], where: str, seen: set[str]) -> list[Item]:
    from kip_training.monev.figures import LINKS

    items = []
    for index, node in enumerate(nodes, start=1):
        what = f"{where}.butir[{index}]"
        fields = r.mapping(node, ITEM_KEYS, what)
        if fields is None:
            continue
        kode = _unique_code(r, fields, what, seen)
        data = r.text(fields, "data", what) or None
        if data and data not in LINKS:
            r.add(
                fields["data"],
                f"{what}.data '{data}' tidak dikenal (yang dikenal: {', '.join(LINKS)}).",
            )
            data = None
        items.append(
            Item(kode, r.text(fields, "uraian", what), r.text(fields, "bukti", what), data)
        )
    return items


def _indicators(r: _Reader, node: yaml.Node) -> list[Indicator]:
    indicators: list[Indicator] = []
    weight_nodes = []
    seen: set[str] = set()
    for index, ind_node in enumerate(r.sequence(node, "indikator"), start=1):
        what = f"indikator[{index}]"
        fields = r.mapping(ind_node, INDICATOR_KEYS, what)
        if fields is None:
            continue
        kode = _unique_code(r, fields, what, seen)
        bobot = r.number(fields, "bobot", what)
        if bobot is not None:
            weight_nodes.append((fields["bobot"], bobot))
        butir = r.sequence(fields["butir"], f"{what}.butir") if "butir" in fields else []
        items = _items(r, butir, what, seen)
        indicators.append(Indicator(kode, r.text(fields, "nama", what), bobot or 0.0, tuple(items)))
    total = sum(w for _, w in weight_nodes)
    if weight_nodes and len(weight_nodes) == len(indicators) and abs(total - 100) > 1e-6:
        lines = ", ".join(str(n.start_mark.line + 1) for n, _ in weight_nodes)
        r.add(
            node,
            f"bobot indikator berjumlah {total:g}, harus 100 (bobot tertulis di baris {lines}).",
        )
    return indicators


def _compose(text: str, name: str) -> tuple[yaml.Node | None, yaml.SafeLoader]:
    loader = NoAliasLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" baris {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RubricError([f"{name}{line}: bukan YAML yang sah: {problem}."]) from None
    return node, loader


def parse_rubric(text: str, name: str = "rubrik", path: Path | None = None) -> Rubric:
    """A rubric from YAML text; :class:`RubricError` lists every problem with its line."""
    node, loader = _compose(text, name)
    r = _Reader(name, loader)
    if node is None:
        raise RubricError([f"{name}: berkas rubrik kosong."])
    fields = r.mapping(node, TOP_KEYS, "rubrik")
    if fields is None:
        raise RubricError(r.problems)
    tahun = r.scalar(fields["tahun"]) if "tahun" in fields else 0
    if "tahun" in fields and (
        isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100
    ):
        r.add(fields["tahun"], f"tahun harus berupa tahun, misalnya 2026, bukan {tahun!r}.")
    contoh = r.scalar(fields["contoh"]) if "contoh" in fields else False
    if not isinstance(contoh, bool):
        r.add(fields["contoh"], f"contoh harus true atau false, bukan {contoh!r}.")
    keyakinan = r.text(fields, "keyakinan", "rubrik") or "sekunder"
    if keyakinan not in CONFIDENCE_MARKS:
        r.add(
            fields["keyakinan"],
            f"keyakinan harus salah satu dari {', '.join(CONFIDENCE_MARKS)}, bukan {keyakinan!r}.",
        )
    indicators = _indicators(r, fields["indikator"]) if "indikator" in fields else []
    number: Callable[[str], float | None] = lambda key: r.number(fields, key, "rubrik")  # noqa: E731
    rubric = Rubric(
        judul=r.text(fields, "judul", "rubrik"),
        komisi=r.text(fields, "komisi", "rubrik"),
        tahun=tahun if isinstance(tahun, int) else 0,
        indicators=tuple(indicators),
        contoh=contoh is True,
        sumber=r.text(fields, "sumber", "rubrik"),
        keyakinan=keyakinan,
        catatan=r.text(fields, "catatan", "rubrik"),
        ambang_saq=number("ambang_saq"),
        bobot_presentasi=number("bobot_presentasi"),
        path=path,
    )
    if r.problems:
        raise RubricError(r.problems)
    return rubric


def load_rubric(path: Path | str) -> Rubric:
    """Read a rubric file (bounded in size); problems raise :class:`RubricError`."""
    path = Path(path)
    if not path.is_file():
        raise KipError(f"berkas rubrik '{path}' tidak ditemukan.")
    if path.stat().st_size > MAX_BYTES:
        raise RubricError([f"{path}: berkas rubrik lebih dari {MAX_BYTES // 1_000_000} MB."])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RubricError([f"{path}: bukan teks UTF-8."]) from None
    return parse_rubric(text, str(path), path)


def example_rubric_path() -> Path:
    """The bundled example rubric (labelled as an example, not a commission's rubric)."""
    return Path(str(files("kip_training") / "monev" / EXAMPLE_FILE))
