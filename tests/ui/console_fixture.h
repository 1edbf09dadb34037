#pragma once
// The console's main window on a real local cluster, with settings, audit log and data in
// a temporary directory, and confirmations answered yes.
#include <QSettings>
#include <QTemporaryDir>
#include <memory>

#include "audit/audit_log.h"
#include "backend/local_cluster.h"
#include "support/eventually.h"
#include "window/main_window.h"
#include "window/operator_actions.h"

namespace seckill::testing {

struct ConsoleFixture {
    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};
    ui::AuditLog audit{dir.filePath(QStringLiteral("audit.db")).toStdString()};
    std::unique_ptr<ui::MainWindow> window;

    explicit ConsoleFixture(int nodes) {
        window = std::make_unique<ui::MainWindow>(settings, &audit,
                                                  dir.filePath(QStringLiteral("data")), 250);
        window->actions()->setConfirm([](const QString&) { return true; });
        window->connectLocal(nodes);
        window->show();
    }

    ui::LocalCluster& cluster() const { return *static_cast<ui::LocalCluster*>(window->backend()); }
    ui::SnapshotPtr snapshot() const { return window->lastSnapshot(); }
    // A snapshot taken after this call, so it reflects everything done before it.
    ui::SnapshotPtr fresh_snapshot() const {
        const Millis after = SystemClock::instance().now_ms();
        eventually([&] { return snapshot() && snapshot()->taken_at > after; });
        return snapshot();
    }
};

}  // namespace seckill::testing
