"""Chart data whose embedded workbook carries the document's date (python-pptx internals).

python-pptx writes the workbook through ``CategoryWorkbookWriter._open_worksheet`` and
picks the writer with ``CategoryChartData._workbook_writer``; both are overridden here so
XlsxWriter stamps the workbook with the briefing's date instead of the clock.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from xlsxwriter import Workbook

if TYPE_CHECKING:
    import datetime as dt


class _StampedWriter(CategoryWorkbookWriter):
    """Writes the embedded workbook with a fixed creation date, so decks are reproducible."""

    def __init__(self, chart_data: CategoryChartData, stamp: dt.datetime) -> None:
        super().__init__(chart_data)  # type: ignore[no-untyped-call]
        self._stamp = stamp

    @contextmanager
    def _open_worksheet(self, xlsx_file):  # type: ignore[no-untyped-def]
        workbook = Workbook(xlsx_file, {"in_memory": True})
        # XlsxWriter stamps docProps/core.xml with the clock unless told otherwise.
        workbook.set_properties({"created": self._stamp})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class StampedChartData(CategoryChartData):
    """Category chart data whose embedded workbook carries the document's stamp."""

    def __init__(self, stamp: dt.datetime, number_format: str) -> None:
        super().__init__(number_format)  # type: ignore[no-untyped-call]
        self._stamp = stamp  # naive UTC, as XlsxWriter expects

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return _StampedWriter(self, self._stamp)
