#include "views/tiles_panel.h"

#include <QHBoxLayout>
#include <QLocale>
#include <algorithm>

#include "backend/rate_tracker.h"
#include "views/tile.h"

namespace seckill::ui {
namespace {

QString count(std::int64_t n) { return QLocale(QLocale::English).toString(qlonglong(n)); }

}  // namespace

TilesPanel::TilesPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The four stock tiles add up: paid + reserved + remaining = total (core/sale.h, I1).
    const QString rates =
        tr("over the last %1 s of each node's heartbeats").arg(RateTracker::window_ms / 1000);
    add(QStringLiteral("total"), tr("Total"),
        tr("Units the selected sale offers. Sold = paid + reserved; total = sold + remaining."));
    add(QStringLiteral("paid"), tr("Paid"), tr("Units whose order is paid: sold for good."));
    add(QStringLiteral("reserved"), tr("Reserved"),
        tr("Units held by an order awaiting payment; they return to the pool if the order is "
           "cancelled or "
           "expires."));
    add(QStringLiteral("remaining"), tr("Remaining"),
        tr("Units still for sale: in the ledger's pool plus leased to nodes."));
    add(QStringLiteral("buys_per_s"), tr("Buys/s"),
        tr("Buy requests per second answered by live nodes, all results, %1.").arg(rates));
    add(QStringLiteral("p99"), tr("p99 latency"),
        tr("Buy latency of the live nodes' merged histograms over their last heartbeat period "
           "(bucket "
           "interpolation, as Prometheus' histogram_quantile)."));
    add(QStringLiteral("queue"), tr("Order queue"),
        tr("Order events reserved in the ledger but not yet written to the SQLite order DB."));
    add(QStringLiteral("degrade"), tr("Degrade level"),
        tr("The highest level any live node runs at: 0 normal, 1 cached sale reads, 2 buys "
           "refused, 3 buy and "
           "order routes closed."));
    add(QStringLiteral("nodes"), tr("Nodes up"),
        tr("Nodes with a fresh heartbeat that answer /healthz, of all in the registry. Late: a "
           "beat missed; dead: "
           "silent past the TTL."));
}

Tile* TilesPanel::add(const QString& key, const QString& caption, const QString& meaning) {
    auto* t = new Tile(caption, this);
    t->setObjectName(QStringLiteral("tile.") + key);
    t->setToolTip(meaning);
    layout()->addWidget(t);
    tiles_[key] = t;
    return t;
}

const Tile* TilesPanel::tile(const QString& key) const {
    auto it = tiles_.find(key);
    return it == tiles_.end() ? nullptr : it->second;
}

void TilesPanel::setStale(const QString& why) {
    stale_ = why;
    for (auto& [key, t] : tiles_) t->setStale(!why.isEmpty());
}

void TilesPanel::update(const ClusterSnapshot& snap) {
    const SaleView* sale = snap.find_sale(snap.selected_sale);
    const QString none = QStringLiteral("–");
    const QString sale_name = sale ? QString::fromStdString(sale->config.id) : tr("no sale");
    const QString state = sale ? QString::fromLatin1(to_string(sale->state).data(),
                                                     qsizetype(to_string(sale->state).size()))
                               : QString();
    tiles_[QStringLiteral("total")]->setValue(sale ? count(sale->stock.total) : none,
                                              sale_name + QStringLiteral(" · ") + state);
    tiles_[QStringLiteral("paid")]->setValue(
        sale ? count(sale->stock.paid) : none,
        sale ? tr("sold %1").arg(count(sale->stock.sold())) : QString());
    tiles_[QStringLiteral("reserved")]->setValue(sale ? count(sale->stock.reserved) : none,
                                                 tr("awaiting payment"));
    tiles_[QStringLiteral("remaining")]->setValue(
        sale ? count(sale->stock.remaining()) : none,
        sale ? tr("%1 pool · %2 leased").arg(count(sale->stock.pool), count(sale->stock.leased))
             : QString());
    tiles_[QStringLiteral("buys_per_s")]->setValue(
        count(qRound64(snap.buys_per_s())),
        tr("%1 reserved/s").arg(count(qRound64(snap.band_per_s(ResultBand::reserved)))));
    // Hundredths matter below a millisecond; past 100 ms (a slow ledger) they only push
    // the unit out of the tile.
    tiles_[QStringLiteral("p99")]->setValue(
        QString::number(snap.p99_ms(), 'f', snap.p99_ms() >= 100 ? 0 : 2) + QStringLiteral(" ms"),
        tr("p50 %1 ms").arg(snap.p50_ms(), 0, 'f', 2));
    tiles_[QStringLiteral("queue")]->setValue(count(snap.queue_depth), tr("events to SQLite"));
    const int level = snap.degrade_level();
    tiles_[QStringLiteral("degrade")]->setValue(QString::number(level),
                                                QString::fromLatin1(degrade_words(level)));
    tiles_[QStringLiteral("degrade")]->setAlert(level > 0);
    const int up = snap.nodes_up();
    const auto late = std::count_if(snap.nodes.begin(), snap.nodes.end(), [](const NodeStatus& n) {
        return n.health == NodeHealth::late;
    });
    tiles_[QStringLiteral("nodes")]->setValue(
        QStringLiteral("%1 / %2").arg(up).arg(snap.nodes.size()),
        late ? tr("%1 late").arg(late) : tr("alive in the registry"));
    // Drained nodes were stopped on purpose; late, dead ones (or none at all) are bad news.
    const bool bad = std::any_of(snap.nodes.begin(), snap.nodes.end(), [](const NodeStatus& n) {
        return n.health == NodeHealth::late || n.health == NodeHealth::dead ||
               n.health == NodeHealth::crashed;
    });
    tiles_[QStringLiteral("nodes")]->setAlert(bad || up == 0);
}

}  // namespace seckill::ui
