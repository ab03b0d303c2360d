"""Statistics: totals (the same numbers as the status bar), patterns by severity, events per
minute stacked by severity, the breakdown by error type and the most frequent patterns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCharts import (
    QAreaSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt, QTimeZone
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stacklens_desktop.ui import theme
from stacklens_desktop.ui.rows import Breakdown, Timeline
from stacklens_desktop.ui.theme import SEVERITY_ORDER
from stacklens_desktop.wording import plural

TIMELINE_MINUTES = 60
#: The time axis spans at least this many buckets (a fresh watch has one or two).
MIN_SPAN_BUCKETS = 12
#: Above this many buckets the total's line has no point markers (they would touch).
MAX_MARKED_POINTS = 40


class StatsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.severity_counts: dict[str, int] = dict.fromkeys(SEVERITY_ORDER, 0)
        self.timeline: list[tuple[str, int]] = []
        self._bar_sets = {severity: _bar_set(severity) for severity in SEVERITY_ORDER}
        self.timeline_series = QLineSeries()
        self.timeline_series.setName("all events")
        self._bands = _bands()
        #: the charts are built when the tab is first shown: a new chart lays itself out at
        #: the next turn of the event loop, shown or not (12 ms of the GUI thread in the
        #: window's first tick, issue 13); until then the views hold empty ones
        self.severity_view = QChartView()
        self.timeline_view = QChartView()
        self._charts_built = False
        self._dark = False
        for view in (self.severity_view, self.timeline_view):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
        self._stats: dict = {}
        #: chart name -> how to draw its latest data, once the tab is shown
        self._undrawn: dict[str, Callable[[], None]] = {}
        self._outbox: tuple[int, int] | None = None
        self.by_type = _table(("Error type", "Patterns", "Occurrences"))
        self.top = _table(("Severity", "Pattern", "Occurrences", "Status"))
        charts = QHBoxLayout()
        charts.addWidget(self.severity_view, 2)
        charts.addWidget(self.timeline_view, 3)
        tables = QHBoxLayout()
        tables.addWidget(_titled("By error type", self.by_type), 2)
        tables.addWidget(_titled("Most frequent patterns", self.top), 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(charts, 3)
        layout.addLayout(tables, 2)

    def _severity_chart(self) -> QChart:
        series = QStackedBarSeries()  # one set per severity: each bar in its own colour
        for severity in SEVERITY_ORDER:
            series.append(self._bar_sets[severity])
        series.setLabelsVisible(True)
        chart = QChart()
        chart.setTitle("Patterns by severity")
        chart.addSeries(series)
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        axis_x = QBarCategoryAxis()
        axis_x.append([s.capitalize() for s in SEVERITY_ORDER])  # "CRITICAL" was cut
        self._bar_axis_y = QValueAxis()
        self._bar_axis_y.setLabelFormat("%d")
        self._bar_axis_y.setRange(0, 1)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._bar_axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(self._bar_axis_y)
        return chart

    def _timeline_chart(self) -> QChart:
        chart = QChart()
        chart.setTitle(f"Events per minute (last {TIMELINE_MINUTES} min of log time)")
        for _upper, _lower, area in self._bands.values():
            chart.addSeries(area)
        chart.addSeries(self.timeline_series)
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().markers(self.timeline_series)[0].setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        self.timeline_series.setColor(QColor(theme.LINK_COLOR))
        self.timeline_series.setPointsVisible(True)
        self._time_axis = QDateTimeAxis()
        self._time_axis.setFormat("HH:mm")
        self._time_axis.setTickCount(7)
        self._count_axis = QValueAxis()
        self._count_axis.setLabelFormat("%d")
        self._count_axis.setRange(0, 1)
        chart.addAxis(self._time_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._count_axis, Qt.AlignmentFlag.AlignLeft)
        for series in [band[2] for band in self._bands.values()] + [self.timeline_series]:
            series.attachAxis(self._time_axis)
            series.attachAxis(self._count_axis)
        self._colour_bands()
        return chart

    def _colour_bands(self) -> None:
        for severity, (_upper, _lower, area) in self._bands.items():
            color = theme.severity_color(severity)
            area.setColor(color)
            area.setBorderColor(color.darker(120))

    def show_stats(self, stats: dict) -> None:
        """From ``stats_changed`` (the shape of ``stacklens stats --json``)."""
        by_severity = stats.get("patterns_by_severity", {})
        for severity in SEVERITY_ORDER:
            self.severity_counts[severity] = int(by_severity.get(severity, 0))
        self._stats = stats
        self._show_summary()
        self._when_shown("severity", self._draw_severity)

    def _draw_severity(self) -> None:
        for position, severity in enumerate(SEVERITY_ORDER):
            self._bar_sets[severity].replace(position, float(self.severity_counts[severity]))
        self._bar_axis_y.setRange(0, _nice_max(max(self.severity_counts.values(), default=0)))
        self._bar_axis_y.applyNiceNumbers()

    def _when_shown(self, chart: str, draw: Callable[[], None]) -> None:
        """Draw a chart now if the tab is on screen, else when it is shown (the latest
        data only). A chart is a graphics scene: it lays itself out on each change even
        when hidden, 5-20 ms of the GUI thread per change, which the window's start and
        every statistics refresh paid for a tab nobody was looking at (issue 13)."""
        if self.isVisible():
            self._undrawn.pop(chart, None)
            draw()
        else:
            self._undrawn[chart] = draw

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._charts_built:
            self._charts_built = True
            self.severity_view.setChart(self._severity_chart())
            self.timeline_view.setChart(self._timeline_chart())
            self.set_dark(self._dark)
        undrawn, self._undrawn = self._undrawn, {}
        for draw in undrawn.values():
            draw()

    @property
    def undrawn(self) -> list[str]:
        """The charts whose latest data waits for the tab to be shown."""
        return sorted(self._undrawn)

    def set_outbox(self, counts: tuple[int, int] | None) -> None:
        """(waiting, failed) as the status bar and the Jira tab show them; None: Jira off."""
        self._outbox = counts
        self._show_summary()

    def _show_summary(self) -> None:
        stats = self._stats
        by_severity = stats.get("patterns_by_severity", {})
        outbox = ("Jira off" if self._outbox is None else
                  f"Jira outbox {self._outbox[0]:,} waiting · {self._outbox[1]:,} failed")
        self.summary.setText(
            f"<b>{stats.get('events', 0):,}</b> events · "
            f"<b>{plural(stats.get('patterns', 0), 'pattern')}</b> "
            f"(<span style='color:{theme.SEVERITY_COLORS['critical']}'><b>"
            f"{by_severity.get('critical', 0):,}</b> critical</span>, "
            f"<span style='color:{theme.SEVERITY_COLORS['high']}'><b>"
            f"{by_severity.get('high', 0):,}</b> high</span>) · "
            f"{plural(stats.get('tickets', 0), 'ticket')} · {outbox} · "
            f"{plural(len(stats.get('sources', [])), 'source')}")

    def show_breakdown(self, breakdown: Breakdown) -> None:
        _fill(self.by_type, [(t, f"{n:,}", f"{c:,}") for t, n, c in breakdown.by_type])
        _fill(self.top, [(sev.upper(), template, f"{count:,}",
                          theme.status_text(status))
                         for _id, sev, template, count, status in breakdown.top])
        for row, (_id, sev, *_rest) in enumerate(breakdown.top):
            item = self.top.item(row, 0)
            if item is not None:
                item.setIcon(theme.severity_icon(sev))

    def set_dark(self, dark: bool) -> None:
        """Chart colours for the palette; the severity colours are set again (a chart theme
        replaces its series' colours)."""
        self._dark = dark
        themes = QChart.ChartTheme
        chart_theme = themes.ChartThemeDark if dark else themes.ChartThemeLight
        palette = QGuiApplication.palette()  # the widget's own one follows by event, later
        for view in (self.severity_view, self.timeline_view):  # built or still empty
            chart = view.chart()
            chart.setTheme(chart_theme)
            chart.setBackgroundBrush(palette.brush(QPalette.ColorRole.Base))
            view.setBackgroundBrush(palette.brush(QPalette.ColorRole.Window))
        for severity, bar_set in self._bar_sets.items():
            bar_set.setColor(theme.severity_color(severity))
            bar_set.setLabelColor(QColor("white"))
        self._colour_bands()
        self.timeline_series.setColor(QColor(theme.LINK_COLOR_DARK if dark
                                             else theme.LINK_COLOR))

    def _stack(self, timeline: Timeline) -> None:
        """Each severity's band sits on the ones below it (critical at the bottom)."""
        times = [_msecs(bucket) for bucket, _ in timeline.points]
        running = [0] * len(times)
        for severity in SEVERITY_ORDER:
            counts = timeline.by_severity.get(severity, [0] * len(times))
            running = [a + b for a, b in zip(running, counts, strict=True)]
            upper = self._bands[severity][0]
            upper.replace([QPointF(float(t), float(c)) for t, c in zip(times, running,
                                                                      strict=True)
                           if t is not None])

    def show_timeline(self, timeline: Timeline) -> None:
        timeline = dense(timeline)
        self.timeline = timeline.points
        self._when_shown("timeline", lambda: self._draw_timeline(timeline))

    def _draw_timeline(self, timeline: Timeline) -> None:
        unit = "minute" if timeline.bucket_s == 60 else f"{timeline.bucket_s} s"
        self.timeline_view.chart().setTitle(
            f"Events per {unit} (last {TIMELINE_MINUTES} min of log time)")
        self._time_axis.setFormat("HH:mm" if timeline.bucket_s >= 60 else "HH:mm:ss")
        stamped = [(_msecs(bucket), count) for bucket, count in timeline.points]
        series = [(t, c) for t, c in stamped if t is not None]
        self.timeline_series.replace([QPointF(float(t), float(c)) for t, c in series])
        self.timeline_series.setPointsVisible(len(series) <= MAX_MARKED_POINTS)
        self._stack(timeline)
        if not series:
            return
        first, last = series[0][0], series[-1][0]
        span = MIN_SPAN_BUCKETS * timeline.bucket_s * 1000
        if last - first < span:
            first = last - span
        self._time_axis.setRange(_qdate(first), _qdate(last))
        self._count_axis.setRange(0, _nice_max(max(c for _, c in series)))
        self._count_axis.applyNiceNumbers()


def _bar_set(severity: str) -> QBarSet:
    bar_set = QBarSet(severity)
    bar_set.setColor(theme.severity_color(severity))
    bar_set.append([0.0] * len(SEVERITY_ORDER))
    return bar_set


def _bands() -> dict[str, tuple[QLineSeries, QLineSeries, QAreaSeries]]:
    """Per severity (critical at the bottom): its upper line, the one below, and the area
    between (each band sits on the last)."""
    bands: dict[str, tuple[QLineSeries, QLineSeries, QAreaSeries]] = {}
    lower: QLineSeries | None = None
    for severity in SEVERITY_ORDER:
        upper = QLineSeries()
        area = QAreaSeries(upper, lower) if lower is not None else QAreaSeries(upper)
        area.setName(severity)
        bands[severity] = (upper, lower or QLineSeries(), area)
        lower = upper
    return bands


def _table(headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1 if len(headers) == 4 else 0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if value[:1].isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def _titled(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box


def dense(timeline: Timeline) -> Timeline:
    """Every bucket from ``MIN_SPAN_BUCKETS`` before the newest one (or the oldest, if
    earlier) to the newest, the empty ones as 0: the store returns only buckets with
    events, and the bands would be drawn straight across the gaps (one bucket: nothing)."""
    stamped = [(_msecs(bucket), i) for i, (bucket, _) in enumerate(timeline.points)]
    known = {t: i for t, i in stamped if t is not None}
    if not known:
        return timeline
    step = timeline.bucket_s * 1000
    last = max(known)
    first = min(min(known), last - MIN_SPAN_BUCKETS * step)
    times = range(first, last + 1, step)
    points = [(_bucket(t), timeline.points[known[t]][1] if t in known else 0) for t in times]
    by_severity = {severity: [counts[known[t]] if t in known else 0 for t in times]
                   for severity, counts in timeline.by_severity.items()}
    return Timeline(timeline.bucket_s, points, by_severity)


def _bucket(msecs: int) -> str:
    return datetime.fromtimestamp(msecs / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _msecs(bucket: str) -> int | None:
    """``YYYY-MM-DDTHH:MM:SS`` (log time, taken as UTC) → milliseconds since the epoch."""
    try:
        moment = datetime.fromisoformat(bucket)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def _qdate(msecs: int) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(msecs, QTimeZone.utc())


def _nice_max(value: int) -> int:
    """An axis top a little above ``value`` (at least 1)."""
    if value <= 4:
        return max(1, value + 1)
    return int(value * 1.15) + 1
