"""The used area of a sheet as its XML says: a far cell is found whatever the dimension says."""

from __future__ import annotations

import pytest

from kip_training.reports.limits import sheet_extent


def _sheet(*refs: str, dimension: str = "A1:C3") -> bytes:
    cells = "".join(f'<c r="{ref}" t="n"><v>1</v></c>' for ref in refs)
    return (
        f'<worksheet><dimension ref="{dimension}"/><sheetData><row r="1">{cells}</row>'
        "</sheetData></worksheet>"
    ).encode()


@pytest.mark.parametrize(
    ("refs", "extent"),
    [
        (("A1", "B2", "Z999"), (0, 0)),  # an ordinary report: nothing measured
        (("A1", "XFD1048576"), (1_048_576, 16_384)),  # one far cell, dimension lying
        (("A1", "B99999"), (99_999, 3)),  # columns: the dimension's C, wider than B
        (("A1", "AAA1"), (3, 703)),
    ],
)
def test_a_far_cell_is_found_whatever_the_dimension_says(refs, extent):
    assert sheet_extent(_sheet(*refs)) == extent
