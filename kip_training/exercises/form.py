"""Form pieces the exercise widgets share: a date field in dd/mm/yyyy, "— pilih —", CSS.

Browsers show ``<input type="date">`` (ipywidgets' DatePicker) in the browser's own
locale, often mm/dd/yyyy, so dates are typed into a text field instead and read with
:func:`kip_training.textfmt.read_date` (16/03/2026, 16-3-2026, 16 Maret 2026 or
2026-03-16); the date read is shown next to the field as "Senin, 16 Maret 2026".
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets

from kip_training.textfmt import format_date, read_date

#: The label of an empty drop-down choice.
CHOOSE = "— pilih —"
#: Placeholder of a date field.
DATE_HINT = "hh/bb/tttt, mis. 16/03/2026"
#: CSS for the exercise widgets (in an HTML widget, so it works in JupyterLab and Voilà):
#: long radio and check-box labels wrap under their button, button labels are never cut.
STYLE = """<style>
.kip-form .widget-radio-box label { white-space: normal; height: auto; line-height: 1.4;
  margin-bottom: 0.3em; }
.kip-form .widget-checkbox label, .kip-form .widget-checkbox { white-space: normal;
  height: auto; }
.kip-form .widget-button, .kip-form .jupyter-button { white-space: normal; height: auto;
  min-height: var(--jp-widgets-inline-height); width: auto; }
.kip-form .widget-html-content { white-space: normal; }
.kip-tanggal-terbaca { color: var(--jp-ui-font-color2, #555); }
.kip-tanggal-terbaca.kip-galat { color: #b00020; }
</style>"""


def style() -> widgets.HTML:
    """An HTML widget holding :data:`STYLE` (put it in the exercise's box)."""
    return widgets.HTML(STYLE, layout=widgets.Layout(height="0px", margin="0"))


def button(description: str, **kwargs) -> widgets.Button:
    """A button wide enough for its whole label (ipywidgets cuts labels at 148 px)."""
    layout = widgets.Layout(width="auto", min_width="148px", align_self="flex-start")
    return widgets.Button(description=description, layout=layout, **kwargs)


class DateField(widgets.HBox):
    """A text field for a date in dd/mm/yyyy, with the date it read shown next to it.

    ``value`` is the date read (None while empty or unreadable); setting it writes the
    date as dd/mm/yyyy. ``text`` is the Text widget (CSS classes go on it).
    """

    def __init__(self, description: str, value: dt.date | None = None, **kwargs) -> None:
        self.text = widgets.Text(
            description=description,
            placeholder=DATE_HINT,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="320px"),
        )
        self.echo = widgets.HTML()
        self.echo.add_class("kip-tanggal-terbaca")
        super().__init__([self.text, self.echo], **kwargs)
        self.text.observe(lambda _change: self._show(), names="value")
        self.value = value

    @property
    def value(self) -> dt.date | None:
        """The date typed, or None when the field is empty or not a date."""
        try:
            return read_date(self.text.value)[0] if self.text.value.strip() else None
        except ValueError:
            return None

    @value.setter
    def value(self, day: dt.date | None) -> None:
        self.text.value = "" if day is None else day.strftime("%d/%m/%Y")
        self._show()

    @property
    def problem(self) -> str | None:
        """Why the text is not a date (None when it is one or when the field is empty)."""
        if not self.text.value.strip() or self.value is not None:
            return None
        return f"“{self.text.value.strip()}” bukan tanggal; tulis seperti 16/03/2026."

    def _show(self) -> None:
        day = self.value
        if day is not None:
            self.echo.value = html.escape(format_date(day))
            self.echo.remove_class("kip-galat")
        elif self.problem:
            self.echo.value = html.escape(self.problem)
            self.echo.add_class("kip-galat")
        else:
            self.echo.value = ""
            self.echo.remove_class("kip-galat")
