#include "backend/ledger_backend.h"

#include "backend/ledger_actions.h"
#include "backend/snapshot_reader.h"

namespace seckill::ui {
namespace {
std::string s(const QString& q) { return q.toStdString(); }
}  // namespace

LedgerBackend::LedgerBackend(std::chrono::milliseconds refresh, QObject* parent)
    : ConsoleBackend(parent), worker_([this] { return poll(); }, refresh) {
    connect(&worker_, &BackendWorker::snapshotReady, this, &ConsoleBackend::snapshotReady);
    connect(&worker_, &BackendWorker::actionFinished, this, &ConsoleBackend::actionFinished);
}

Millis LedgerBackend::nodeTtl() { return ReaderOptions{}.node_ttl_ms; }

// Each action that changes the ledger comes with its re-check: a reply lost on the way
// (a frozen Redis, a dropped connection) is re-read until the ledger answers, and the log
// gets what really happened instead of a "failed" that later turned out applied.
void LedgerBackend::createSale(const SaleConfig& config) {
    worker_.submitChecked(
        QStringLiteral("create sale"), QString::fromStdString(config.id),
        [this, config] {
            ActionResult r = ledger_actions::create_sale(ledger(), config, clock().now_ms());
            if (r.ok) saleChanged(config.id);
            return r;
        },
        [this, config] {
            ActionResult r =
                ledger_actions::recheck_create_sale(ledger(), config, clock().now_ms());
            if (r.ok) saleChanged(config.id);
            return r;
        });
}

void LedgerBackend::setSaleState(const QString& sale, SaleState state) {
    worker_.submitChecked(
        QStringLiteral("sale state"), sale,
        [this, sale = s(sale), state] {
            ActionResult r =
                ledger_actions::set_sale_state(ledger(), sale, state, clock().now_ms());
            if (r.ok) saleChanged(sale);
            return r;
        },
        [this, sale = s(sale), state] {
            ActionResult r =
                ledger_actions::recheck_sale_state(ledger(), sale, state, clock().now_ms());
            if (r.ok) saleChanged(sale);
            return r;
        });
}

void LedgerBackend::setDegrade(const QString& node, int level) {
    worker_.submitChecked(
        QStringLiteral("degrade"), node.isEmpty() ? QStringLiteral("all nodes") : node,
        [this, node = s(node), level] {
            return ledger_actions::set_degrade(ledger(), node, level);
        },
        [this, node = s(node), level] {
            return ledger_actions::recheck_degrade(ledger(), node, level);
        });
}

void LedgerBackend::setLimits(const QString& rulesJson) {
    worker_.submitChecked(
        QStringLiteral("set limits"), QStringLiteral("all nodes"),
        [this, json = s(rulesJson)] { return ledger_actions::set_limits(ledger(), json); },
        [this, json = s(rulesJson)] { return ledger_actions::recheck_limits(ledger(), json); });
}

std::optional<node::OrderJourney> LedgerBackend::journeyOf(const std::string& orderId) {
    return node::order_journey(ledger(), nullptr, orderId);
}

void LedgerBackend::orderJourney(const QString& orderId) {
    worker_.post([this, id = s(orderId)] {
        JourneyAnswer answer;
        try {
            answer.journey = journeyOf(id);
        } catch (const std::exception& e) {
            answer.error = QString::fromUtf8(e.what());
        }
        // Delivered on the UI thread, and dropped if the backend is gone by then.
        QMetaObject::invokeMethod(
            this,
            [this, id, answer] { Q_EMIT orderJourneyReady(QString::fromStdString(id), answer); },
            Qt::QueuedConnection);
    });
}

void LedgerBackend::rebalance(const QString& sale, const RebalanceRequest& request) {
    worker_.submit(QStringLiteral("rebalance"), sale, [this, sale = s(sale), request] {
        return ledger_actions::rebalance(ledger(), sale, request, clock().now_ms(), nodeTtl());
    });
}

}  // namespace seckill::ui
