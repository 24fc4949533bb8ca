"""The annual report's tables as an xlsx workbook for the body's website (formula-safe)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kip_training.annual.figures import AnnualFigures
from kip_training.safe_export import neutralise, neutralise_frame


def sheets(figures: AnnualFigures, followup: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Sheet title -> table, in the order of the report."""
    tables = {
        "Permohonan": figures.per_semester,
        "Per OPD": figures.per_opd,
        "Penolakan Pasal 17": figures.refusals,
        "Tanggapan Keberatan": figures.objection_answers,
        "Alasan Keberatan": figures.objection_grounds,
        "Sengketa": figures.disputes,
        "Kendala": figures.obstacles,
        "Rekomendasi": figures.recommendations,
    }
    if followup is not None and len(followup):
        tables["Tindak Lanjut"] = followup
    return tables


def write_workbook(
    figures: AnnualFigures, path: Path | str, title: str, followup: pd.DataFrame | None = None
) -> Path:
    """Write every table on its own sheet, a title line above each (text neutralised)."""
    path = Path(path)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, table in sheets(figures, followup).items():
            neutralise_frame(table).to_excel(writer, sheet_name=name, index=False, startrow=2)
            sheet = writer.sheets[name]
            sheet["A1"] = neutralise(f"{title}: {name}")
            sheet["A1"].font = Font(bold=True, size=12)
            for cell in sheet[3]:
                cell.font = Font(bold=True)
            for index, column in enumerate(table.columns, start=1):
                longest = max([len(str(column))] + [len(str(v)) for v in table[column]])
                sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
            sheet.freeze_panes = "A4"
    return path
