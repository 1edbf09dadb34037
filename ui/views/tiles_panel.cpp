#include "views/tiles_panel.h"

#include <QHBoxLayout>
#include <QLocale>
#include <algorithm>

#include "views/tile.h"

namespace seckill::ui {
namespace {

QString count(std::int64_t n) { return QLocale(QLocale::English).toString(qlonglong(n)); }

}  // namespace

TilesPanel::TilesPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    add(QStringLiteral("total"), tr("Total"));
    add(QStringLiteral("sold"), tr("Sold"));
    add(QStringLiteral("reserved"), tr("Reserved"));
    add(QStringLiteral("remaining"), tr("Remaining"));
    add(QStringLiteral("buys_per_s"), tr("Buys/s"));
    add(QStringLiteral("p99"), tr("p99 latency"));
    add(QStringLiteral("queue"), tr("Order queue"));
    add(QStringLiteral("degrade"), tr("Degrade level"));
    add(QStringLiteral("nodes"), tr("Nodes up"));
}

Tile* TilesPanel::add(const QString& key, const QString& caption) {
    auto* t = new Tile(caption, this);
    t->setObjectName(QStringLiteral("tile.") + key);
    layout()->addWidget(t);
    tiles_[key] = t;
    return t;
}

const Tile* TilesPanel::tile(const QString& key) const {
    auto it = tiles_.find(key);
    return it == tiles_.end() ? nullptr : it->second;
}

void TilesPanel::update(const ClusterSnapshot& snap) {
    const SaleView* sale = snap.find_sale(snap.selected_sale);
    const QString sale_name = sale ? QString::fromStdString(sale->config.id) : tr("no sale");
    const QString state = sale ? QString::fromLatin1(to_string(sale->state).data(), qsizetype(to_string(sale->state).size())) : QString();
    tiles_[QStringLiteral("total")]->setValue(sale ? count(sale->stock.total) : QStringLiteral("–"),
                                              sale_name + QStringLiteral(" · ") + state);
    tiles_[QStringLiteral("sold")]->setValue(sale ? count(sale->stock.sold()) : QStringLiteral("–"),
                                             sale ? tr("%1 paid").arg(count(sale->stock.paid)) : QString());
    tiles_[QStringLiteral("reserved")]->setValue(sale ? count(sale->stock.reserved) : QStringLiteral("–"),
                                                 tr("awaiting payment"));
    tiles_[QStringLiteral("remaining")]->setValue(
        sale ? count(sale->stock.remaining()) : QStringLiteral("–"),
        sale ? tr("%1 pool · %2 leased").arg(count(sale->stock.pool), count(sale->stock.leased)) : QString());
    tiles_[QStringLiteral("buys_per_s")]->setValue(
        count(qRound64(snap.buys_per_s())),
        tr("%1 reserved/s").arg(count(qRound64(snap.band_per_s(ResultBand::reserved)))));
    // Hundredths matter below a millisecond; past 100 ms (a slow ledger) they only push
    // the unit out of the tile.
    tiles_[QStringLiteral("p99")]->setValue(QString::number(snap.p99_ms(), 'f', snap.p99_ms() >= 100 ? 0 : 2) + QStringLiteral(" ms"),
                                            tr("p50 %1 ms").arg(snap.p50_ms(), 0, 'f', 2));
    tiles_[QStringLiteral("queue")]->setValue(count(snap.queue_depth), tr("events to SQLite"));
    const int level = snap.degrade_level();
    static const char* const level_names[] = {"normal", "cached reads", "buys rejected", "paused"};
    tiles_[QStringLiteral("degrade")]->setValue(QString::number(level),
                                                QString::fromLatin1(level_names[std::clamp(level, 0, 3)]));
    tiles_[QStringLiteral("degrade")]->setAlert(level > 0);
    const int up = snap.nodes_up();
    tiles_[QStringLiteral("nodes")]->setValue(QStringLiteral("%1 / %2").arg(up).arg(snap.nodes.size()),
                                              tr("alive in the registry"));
    // Drained nodes were stopped on purpose; only dead ones (or none at all) are bad news.
    const bool dead = std::any_of(snap.nodes.begin(), snap.nodes.end(),
                                  [](const NodeStatus& n) { return n.health == NodeHealth::dead || n.health == NodeHealth::crashed; });
    tiles_[QStringLiteral("nodes")]->setAlert(dead || up == 0);
}

}  // namespace seckill::ui
