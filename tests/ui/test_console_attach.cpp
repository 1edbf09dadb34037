// Which cluster the console is on, as the audit trail, the title and the settings see it:
// every row names its cluster and operator, attaching and detaching are rows of their own,
// leaving an attached cluster asks first (and "no" keeps it), a URL that never answered is
// not what the next launch reopens, and "Add a node" is offered only where it can work.
// The "attached" cluster is a RemoteCluster on a port where no Redis listens: a remote
// backend in every respect but its failing connection.
#include <QAction>
#include <QtTest>

#include "backend/remote_cluster.h"
#include "console_fixture.h"
#include "models/audit_log_model.h"
#include "views/load_panel.h"
#include "window/window_settings.h"

using namespace seckill;
using namespace seckill::testing;
using namespace seckill::ui;

class ConsoleAttachTest : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase() { qputenv("USER", "qa-operator"); }
    void rowsCarryClusterAndOperator();
    void leavingAnAttachedClusterAsks();
};

namespace {

const QString nowhere = QStringLiteral("redis://127.0.0.1:1");

const AuditEntry* row(const AuditLogModel& model, const QString& what, const QString& target) {
    for (int r = 0; r < model.rowCount(); ++r)
        if (const AuditEntry* e = model.entry(r); e->what == what && e->target.startsWith(target))
            return e;
    return nullptr;
}

std::string rows_text(const AuditLogModel& model) {
    QStringList out;
    for (int r = 0; r < model.rowCount() && r < 8; ++r) {
        const AuditEntry* e = model.entry(r);
        out << QStringLiteral("%1 %2 [%3|%4] %5")
                   .arg(e->what, e->target, e->cluster, e->operator_name,
                        e->ok ? QStringLiteral("ok") : QStringLiteral("failed"));
    }
    return out.join(QStringLiteral("; ")).toStdString();
}

QAction* action(const MainWindow& w, const char* name) {
    return w.findChild<QAction*>(QString::fromLatin1(name));
}

}  // namespace

void ConsoleAttachTest::rowsCarryClusterAndOperator() {
    ConsoleFixture f(2);
    MainWindow& w = *f.window;
    const QString local = QStringLiteral("local cluster, 2 nodes");
    SECKILL_WAIT_FOR(row(*w.auditModel(), QStringLiteral("attach"), local),
                     "the attach row of the local cluster", rows_text(*w.auditModel()), 10'000);
    const AuditEntry* attach = row(*w.auditModel(), QStringLiteral("attach"), local);
    QVERIFY(attach->ok);
    QCOMPARE(attach->cluster, local);
    QCOMPARE(attach->operator_name, QStringLiteral("qa-operator"));
    QCOMPARE(w.windowTitle(), QStringLiteral("Seckill console — ") + local);
    QVERIFY(action(w, "action.addNode")->isEnabled());

    QVERIFY(w.actions()->degrade(QStringLiteral("n1"), 1));
    SECKILL_WAIT_FOR(row(*w.auditModel(), QStringLiteral("degrade"), QStringLiteral("n1")),
                     "the degrade row", rows_text(*w.auditModel()), 5000);
    // The file holds what the pane shows, the columns included.
    const auto rows = f.audit.recent(10);
    const auto in_file = std::find_if(rows.begin(), rows.end(), [](const AuditEntry& e) {
        return e.what == QStringLiteral("degrade");
    });
    QVERIFY(in_file != rows.end());
    QCOMPARE(in_file->cluster, local);
    QCOMPARE(in_file->operator_name, QStringLiteral("qa-operator"));
    QCOMPARE(w.auditModel()->index(0, AuditLogModel::cluster).data().toString(), local);
    QCOMPARE(w.auditModel()->headerData(AuditLogModel::operator_name, Qt::Horizontal).toString(),
             QStringLiteral("Operator"));
}

void ConsoleAttachTest::leavingAnAttachedClusterAsks() {
    ConsoleFixture f(1);
    MainWindow& w = *f.window;
    const QString local = QStringLiteral("local cluster, 1 nodes");
    SECKILL_WAIT_FOR(row(*w.auditModel(), QStringLiteral("attach"), local),
                     "the local cluster attached", rows_text(*w.auditModel()), 10'000);
    // Attaching from a local cluster is the launch's and the tests' path: no question.
    QStringList asked;
    w.actions()->setConfirm([&](const QString& q) {
        asked << q;
        return false;
    });
    QCOMPARE(w.attachRedis(nowhere), QString());
    const QString remote = w.backend()->description();
    QVERIFY(remote.startsWith(nowhere));
    SECKILL_WAIT_FOR(row(*w.auditModel(), QStringLiteral("attach"), remote),
                     "a failed attach row for " + remote.toStdString(), rows_text(*w.auditModel()),
                     10'000);
    QVERIFY(!row(*w.auditModel(), QStringLiteral("attach"), remote)->ok);
    QVERIFY(row(*w.auditModel(), QStringLiteral("detach"), local));
    // Never connected: not what the next launch opens.
    QCOMPARE(last_connection(f.settings).kind, QStringLiteral("local"));
    QVERIFY(last_connection(f.settings).redis_url.isEmpty());
    QCOMPARE(w.windowTitle(), QStringLiteral("Seckill console — ") + remote);
    // The console cannot start a remote cluster's nodes: the action is off and says why.
    QAction* add = action(w, "action.addNode");
    QVERIFY(!add->isEnabled());
    QVERIFY2(add->toolTip().contains(QStringLiteral("seckill-node")), qPrintable(add->toolTip()));
    QVERIFY(asked.isEmpty());

    // Ctrl+D and Cluster ▸ Local cluster… ask; "no" keeps the attachment.
    w.runDemo();
    action(w, "action.localCluster")->trigger();
    QCOMPARE(asked.size(), 2);
    for (const QString& q : asked)
        QCOMPARE(q, QStringLiteral("Detach from %1 and start local nodes?").arg(remote));
    QVERIFY(qobject_cast<RemoteCluster*>(w.backend()));
    QVERIFY(!row(*w.auditModel(), QStringLiteral("detach"), remote));

    // "yes": the demo runs on local nodes and the remote cluster's detach is audited.
    w.actions()->setConfirm([](const QString&) { return true; });
    w.runDemo();
    QVERIFY(qobject_cast<LocalCluster*>(w.backend()));
    QVERIFY(row(*w.auditModel(), QStringLiteral("detach"), remote));
    SECKILL_WAIT_FOR(w.lastSnapshot() && w.lastSnapshot()->nodes_up() == 3,
                     "the demo's three local nodes", w.windowTitle().toStdString(), 10'000);
    w.loadPanel()->stop();
}

QTEST_MAIN(ConsoleAttachTest)
#include "test_console_attach.moc"
