// File ▸ Attach to node… and --node: the console on standalone seckill-node processes,
// through their admin APIs (NodeCluster).
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>

#include "backend/node_cluster.h"
#include "window/main_window.h"
#include "window/window_settings.h"

namespace seckill::ui {

QString MainWindow::attachNodes(const QStringList& urls) {
    QStringList clean;
    for (const QString& url : urls)
        if (!url.trimmed().isEmpty()) clean << url.trimmed();
    QString err = clean.isEmpty() ? tr("no node URL given (http://HOST:PORT)") : QString();
    for (const QString& url : clean)
        if (const QString why = NodeCluster::urlError(url); !why.isEmpty() && err.isEmpty())
            err = QStringLiteral("%1: %2").arg(url, why);
    if (!err.isEmpty()) {
        showError(tr("Cannot attach to the nodes: %1").arg(err));
        return err;
    }
    NodeClusterOptions o;
    o.urls = clean;
    o.admin_token = remote_admin_token_;
    o.refresh = std::chrono::milliseconds(refresh_ms_);
    setBackend(std::make_unique<NodeCluster>(o));
    const ConnectionSettings last = last_connection(settings_);
    remember_connection(settings_, {QStringLiteral("node"), last.nodes, last.redis_url, clean});
    return {};
}

void MainWindow::askAttachNodes() {
    const ConnectionSettings last = last_connection(settings_);
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Attach to node"), tr("Node URLs (http://HOST:PORT; several separated by spaces):"),
        QLineEdit::Normal,
        last.node_urls.isEmpty() ? QStringLiteral("http://127.0.0.1:8080") : last.node_urls.join(QLatin1Char(' ')), &ok);
    if (!ok) return;
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    if (const QString err = attachNodes(text.split(separators, Qt::SkipEmptyParts)); !err.isEmpty())
        QMessageBox::warning(this, tr("Attach to node"), tr("Cannot attach: %1").arg(err));
}

}  // namespace seckill::ui
