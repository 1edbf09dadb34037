#include "window/pdf_report.h"

#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include "models/invariants_model.h"

namespace seckill::ui {
namespace {

QString n(std::int64_t v) { return QLocale(QLocale::English).toString(qlonglong(v)); }
QString when(Millis at) {
    return QDateTime::fromMSecsSinceEpoch(at).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// A top-down writer over the pages: each block asks for its height and starts a new page
// when it would not fit.
class Pages {
  public:
    Pages(QPdfWriter& writer, QPainter& painter) : writer_(writer), p_(painter) {
        width_ = painter.viewport().width();
        height_ = painter.viewport().height();
        // No ligatures: "confirmation" stays searchable and copyable as typed instead of
        // carrying an "ﬁ" glyph.
        QFont f = painter.font();
        f.setStyleStrategy(QFont::PreferNoShaping);
        painter.setFont(f);
    }
    int width() const { return width_; }
    void room(int h) {
        if (y_ + h <= height_) return;
        writer_.newPage();
        y_ = 0;
    }
    void text(const QString& t, double pt, bool bold = false, const QColor& colour = Qt::black) {
        QFont f = p_.font();
        f.setPointSizeF(pt);
        f.setBold(bold);
        p_.setFont(f);
        p_.setPen(colour);
        const QRect box = p_.boundingRect(QRect(0, 0, width_, 10000), Qt::TextWordWrap, t);
        room(box.height());
        p_.drawText(QRect(0, y_, width_, box.height()), Qt::TextWordWrap, t);
        y_ += box.height();
    }
    void gap(int h) { y_ += h; }
    // A section title, kept on the page of the first lines below it.
    void heading(const QString& t) {
        room(height_ / 8);
        text(t, 13, true);
    }
    // Rows of cells; widths are fractions of the page. The first row is the header.
    void table(const std::vector<QStringList>& rows, const std::vector<double>& widths, double pt,
               const std::vector<QColor>& colours = {}) {
        QFont f = p_.font();
        f.setPointSizeF(pt);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            f.setBold(r == 0);
            p_.setFont(f);
            int h = 0;
            for (int c = 0; c < rows[r].size(); ++c)
                h = std::max(
                    h, p_.boundingRect(QRect(0, 0, int(widths[std::size_t(c)] * width_) - 8, 10000),
                                       Qt::TextWordWrap, rows[r][c])
                           .height());
            h += 6;
            room(h);
            if (r == 0) p_.fillRect(QRect(0, y_, width_, h), QColor(236, 239, 241));
            p_.setPen(r > 0 && r - 1 < colours.size() ? colours[r - 1] : QColor(Qt::black));
            int x = 0;
            for (int c = 0; c < rows[r].size(); ++c) {
                const int w = int(widths[std::size_t(c)] * width_);
                p_.drawText(QRect(x + 4, y_ + 3, w - 8, h), Qt::TextWordWrap, rows[r][c]);
                x += w;
            }
            y_ += h;
        }
    }
    void image(const QImage& img, int x, int w) {
        const int h = img.height() * w / std::max(1, img.width());
        p_.drawImage(QRect(x, y_, w, h), img);
        row_height_ = std::max(row_height_, h);
    }
    void endImageRow() {
        y_ += row_height_;
        row_height_ = 0;
    }

  private:
    QPdfWriter& writer_;
    QPainter& p_;
    int width_ = 0, height_ = 0, y_ = 0, row_height_ = 0;
};

}  // namespace

PdfReport pdf_report_from(const ClusterSnapshot& snap) {
    PdfReport r;
    r.sale = QString::fromStdString(snap.selected_sale);
    if (const SaleView* s = snap.find_sale(snap.selected_sale)) {
        r.sale_name = QString::fromStdString(s->config.name);
        r.tiles = {
            {QStringLiteral("total"), n(s->stock.total)},
            {QStringLiteral("paid"), n(s->stock.paid)},
            {QStringLiteral("reserved"), n(s->stock.reserved)},
            {QStringLiteral("remaining"), n(s->stock.remaining())},
            {QStringLiteral("sold"), n(s->stock.sold())},
            {QStringLiteral("state"),
             QString::fromUtf8(to_string(s->state).data(), qsizetype(to_string(s->state).size()))}};
    }
    std::int64_t requests = 0;
    std::array<std::int64_t, result_band_count> bands{};
    for (const NodeStatus& node : snap.nodes) {
        requests += node.stats.requests;
        for (std::size_t b = 0; b < result_band_count; ++b) bands[b] += node.stats.buys[b];
    }
    r.stages.emplace_back(QStringLiteral("requests arrived (every route)"), n(requests));
    for (std::size_t b = 0; b < result_band_count; ++b)
        r.stages.emplace_back(
            QStringLiteral("buys %1").arg(QString::fromLatin1(band_name(ResultBand(b)))),
            n(bands[b]));
    r.stages.emplace_back(QStringLiteral("order queue now (events not yet in the order DB)"),
                          n(snap.queue_depth));
    if (snap.invariants)
        for (const auto& c : snap.invariants->checks)
            r.invariants.push_back({QString::fromStdString(c.id), invariant_meaning(c.id),
                                    QString::fromStdString(c.detail), c.ok});
    return r;
}

QString write_pdf_report(const PdfReport& r, const QString& path) {
    QPdfWriter writer(path);
    // QPdfWriter says nothing of a path it cannot write: ask the file first.
    if (QFile probe(path); !probe.open(QIODevice::WriteOnly)) return probe.errorString();
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setResolution(150);
    writer.setTitle(QStringLiteral("Sale report: %1").arg(r.sale));
    writer.setCreator(QStringLiteral("seckill-console"));
    QPainter painter;
    if (!painter.begin(&writer)) return QStringLiteral("cannot write a PDF to %1").arg(path);
    Pages pages(writer, painter);
    pages.text(QStringLiteral("Sale report: %1%2")
                   .arg(r.sale, r.sale_name.isEmpty() ? QString()
                                                      : QStringLiteral(" (%1)").arg(r.sale_name)),
               18, true);
    pages.text(QStringLiteral("Cluster: %1").arg(r.cluster), 10);
    pages.text(QStringLiteral("Time range: %1 to %2").arg(when(r.from), when(r.to)), 10);
    pages.text(QStringLiteral("Generated: %1 by seckill-console").arg(when(r.generated)), 10, false,
               QColor(97, 97, 97));
    pages.gap(20);
    std::vector<QStringList> tiles{{}, {}};
    for (const auto& [label, value] : r.tiles) tiles[0] << label, tiles[1] << value;
    if (!r.tiles.empty())
        pages.table(tiles, std::vector<double>(r.tiles.size(), 1.0 / double(r.tiles.size())), 11);
    pages.gap(20);
    pages.heading(QStringLiteral("What each stage did"));
    std::vector<QStringList> stages{{QStringLiteral("stage"), QStringLiteral("count")}};
    for (const auto& [label, value] : r.stages) stages.push_back({label, value});
    pages.table(stages, {0.7, 0.3}, 9);
    pages.gap(20);
    pages.heading(QStringLiteral("Invariants"));
    std::vector<QStringList> inv{{QStringLiteral("check"), QStringLiteral("meaning"),
                                  QStringLiteral("holds"), QStringLiteral("detail")}};
    std::vector<QColor> colours;
    for (const auto& i : r.invariants) {
        inv.push_back(
            {i.id, i.meaning, i.ok ? QStringLiteral("yes") : QStringLiteral("NO"), i.detail});
        colours.push_back(i.ok ? QColor(Qt::black) : QColor(198, 40, 40));
    }
    if (r.invariants.empty())
        pages.text(QStringLiteral("no invariant report for this sale"), 9);
    else
        pages.table(inv, {0.08, 0.3, 0.08, 0.54}, 8, colours);
    if (!r.charts.empty()) {
        pages.gap(20);
        const int w = (pages.width() - 20) / 2;
        const QImage& first = r.charts.front();
        const int h = first.height() * w / std::max(1, first.width());
        pages.room(40 + 2 * h);
        pages.heading(QStringLiteral("Charts"));
        for (std::size_t i = 0; i < r.charts.size(); ++i) {
            if (i % 2 == 0) pages.room(h);
            pages.image(r.charts[i], i % 2 == 0 ? 0 : w + 20, w);
            if (i % 2 == 1 || i + 1 == r.charts.size()) pages.endImageRow();
        }
    }
    pages.gap(20);
    pages.heading(QStringLiteral("Audit log over the time range"));
    std::vector<QStringList> audit{{QStringLiteral("when"), QStringLiteral("what"),
                                    QStringLiteral("target"), QStringLiteral("result"),
                                    QStringLiteral("operator")}};
    for (const AuditEntry& e : r.audit)
        audit.push_back({e.when.toLocalTime().toString(QStringLiteral("HH:mm:ss")), e.what,
                         e.target,
                         (e.ok ? QStringLiteral("ok: ") : QStringLiteral("failed: ")) + e.message,
                         e.operator_name});
    if (r.audit.empty())
        pages.text(QStringLiteral("no operator action in this time range"), 9);
    else
        pages.table(audit, {0.1, 0.14, 0.14, 0.5, 0.12}, 8);
    if (!painter.end()) return QStringLiteral("cannot finish the PDF %1").arg(path);
    return QString();
}

}  // namespace seckill::ui
