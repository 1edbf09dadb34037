#include "window/fault_actions.h"

#include <QAction>
#include <QInputDialog>
#include <QMessageBox>

#include "backend/fault_wire.h"

namespace seckill::ui {
namespace {

store::FaultSpec spec_of(store::FaultKind kind, std::int64_t ms = 0, std::int64_t jitter_ms = 0) {
    store::FaultSpec f;
    f.kind = kind;
    f.ms = ms;
    f.jitter_ms = jitter_ms;
    return f;
}

}  // namespace

bool needs_confirmation(store::FaultKind kind) {
    using K = store::FaultKind;
    return !(kind == K::ledger_latency || kind == K::order_db_latency || kind == K::order_db_error);
}

FaultActions::FaultActions(QWidget* window, OperatorActions::Context context)
    : QObject(window), window_(window), context_(std::move(context)) {
    confirm_ = [this](const QString& question) {
        return QMessageBox::question(window_, tr("Confirm fault"), question) == QMessageBox::Yes;
    };
    ask_duration_ = [this](const QString& title, double seconds) -> std::optional<double> {
        bool ok = false;
        const double s =
            QInputDialog::getDouble(window_, title, tr("Lasts (seconds):"), seconds, 1,
                                    double(store::max_fault_duration_ms) / 1000.0, 0, &ok);
        return ok ? std::optional<double>(s) : std::nullopt;
    };
    using K = store::FaultKind;
    crashNode = new QAction(tr("Crash node (kill -9)…"), this);
    freezeNode = new QAction(tr("Freeze 10 s (SIGSTOP)…"), this);
    slowLedger = new QAction(tr("Slow ledger 300 ms…"), this);
    failLedger = new QAction(tr("Fail ledger calls…"), this);
    ledgerDown = new QAction(tr("Take ledger down…"), this);
    failOrderDb = new QAction(tr("Fail order DB writes…"), this);
    dropHeartbeats = new QAction(tr("Drop heartbeats…"), this);
    clearNode = new QAction(tr("Clear faults on node"), this);
    preset(crashNode, spec_of(K::node_crash), 0);
    preset(freezeNode, spec_of(K::node_freeze), 10);
    preset(slowLedger, spec_of(K::ledger_latency, 300, 50), 30);
    preset(failLedger, spec_of(K::ledger_error), 20);
    preset(ledgerDown, spec_of(K::ledger_down), 20);
    preset(failOrderDb, spec_of(K::order_db_error), 20);
    // Longer than the TTL by default, so the node's peers take it for dead: the case worth
    // trying (fenced, then rejoins).
    preset(dropHeartbeats, spec_of(K::heartbeat_drop), 8);
    connect(clearNode, &QAction::triggered, this, [this] {
        ConsoleBackend* b = context_.backend ? context_.backend() : nullptr;
        const QString node = context_.selectedNode ? context_.selectedNode() : QString();
        if (b && !node.isEmpty()) b->clearFaults({node});
    });
}

std::vector<QAction*> FaultActions::nodeMenu() const {
    return {crashNode,  freezeNode,  slowLedger,     failLedger,
            ledgerDown, failOrderDb, dropHeartbeats, clearNode};
}

void FaultActions::preset(QAction* action, store::FaultSpec spec, double seconds) {
    action->setToolTip(QString::fromLatin1(store::to_string(spec.kind).data()));
    connect(action, &QAction::triggered, this, [this, action, spec, seconds]() mutable {
        const QString node = context_.selectedNode ? context_.selectedNode() : QString();
        if (node.isEmpty()) return;
        if (store::info(spec.kind).lasts) {
            const auto s =
                ask_duration_(action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")) +
                                  QStringLiteral(" — ") + node,
                              seconds);
            if (!s) return;
            spec.duration_ms = qRound64(*s * 1000.0);
        }
        inject({node}, spec);
    });
}

bool FaultActions::inject(const QStringList& nodes, const store::FaultSpec& spec) {
    ConsoleBackend* b = context_.backend ? context_.backend() : nullptr;
    if (!b || nodes.isEmpty()) return false;
    const QString on = nodes.join(QStringLiteral(", "));
    if (spec.kind == store::FaultKind::node_crash) {
        if (!confirm_(
                tr("Crash %1? It ends as kill -9 would: nothing goes back to the pool, and its "
                   "lease stays out of it until its peers reclaim it after the heartbeat TTL.")
                    .arg(on)))
            return false;
    } else if (needs_confirmation(spec.kind) &&
               !confirm_(
                   tr("Inject %1 on %2? Buyers on it will be refused or delayed until it ends.")
                       .arg(describe(spec), on))) {
        return false;
    }
    b->injectFaults(nodes, {spec});
    return true;
}

bool FaultActions::clearAll() {
    ConsoleBackend* b = context_.backend ? context_.backend() : nullptr;
    if (!b) return false;
    b->clearFaults({});
    return true;
}

}  // namespace seckill::ui
