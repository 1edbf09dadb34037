// File ▸ Export sale report as PDF…: the selected sale's numbers from the last snapshot,
// its charts over the whole sale from the history file (the live five minutes without
// one), and the audit log over the same stretch.
#include <QDateTime>
#include <QMessageBox>

#include "audit/audit_log.h"
#include "history/history_store.h"
#include "views/charts_panel.h"
#include "window/main_window.h"
#include "window/pdf_report.h"

namespace seckill::ui {
namespace {
constexpr int audit_rows = 200;  // an excerpt: a sale with more actions says so in its log
// The actions that set a sale up (create, start) come just before its first sample, and
// the ones that close it just after its last.
constexpr Millis audit_margin_ms = 60'000;
// Drawn at about the size they have on screen, so their labels read at half a page's width.
const QSize chart_size(540, 340);
}  // namespace

QString MainWindow::exportPdfReport(const QString& path) {
    if (!last_) return tr("nothing to report yet: no snapshot has arrived");
    PdfReport report = pdf_report_from(*last_);
    report.cluster = backend_ ? backend_->description() : tr("not connected");
    report.generated = QDateTime::currentMSecsSinceEpoch();
    std::optional<StoredHistory> whole;
    if (history_ && backend_) {
        flushHistory();  // up to the last second
        try {
            if (history_)
                for (const StoredSale& s : history_->sales(backend_->historyKey().toStdString()))
                    if (s.id == last_->selected_sale)
                        whole = history_->load(backend_->historyKey().toStdString(), s.id, s.first,
                                               s.last);
        } catch (const std::exception& e) {
            dropHistory(QString::fromUtf8(e.what()));
        }
    }
    const SeriesSource& source =
        whole ? static_cast<const SeriesSource&>(*whole) : charts_->history();
    report.to = source.newest();
    report.from = whole ? whole->from() : report.to;
    for (const QList<QPointF>& piece : source.segments(Metric::queue_depth))
        if (!piece.isEmpty()) report.from = std::min(report.from, Millis(piece.front().x()));
    report.charts = charts_->render(source, chart_size);
    if (audit_) {
        try {
            report.audit = audit_->between(
                QDateTime::fromMSecsSinceEpoch(report.from - audit_margin_ms),
                QDateTime::fromMSecsSinceEpoch(report.to + audit_margin_ms), audit_rows);
        } catch (const std::exception&) {
            // The report still goes out; its audit section says there was nothing to show.
        }
    }
    return write_pdf_report(report, path);
}

void MainWindow::askExportPdfReport() {
    const QString sale =
        last_ ? QString::fromStdString(last_->selected_sale) : QStringLiteral("sale");
    const QString path = askExportPath(tr("Export sale report as PDF"),
                                       sale + QStringLiteral(".pdf"), tr("PDF files (*.pdf)"));
    if (path.isEmpty()) return;
    const QString err = exportPdfReport(path);
    if (!err.isEmpty()) QMessageBox::warning(this, tr("Export sale report as PDF"), err);
}

}  // namespace seckill::ui
