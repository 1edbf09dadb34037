// File ▸ Attach to node… and --node: the console on standalone seckill-node processes,
// through their admin APIs (NodeCluster).
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>

#include "backend/node_cluster.h"
#include "window/main_window.h"
#include "window/window_settings.h"

namespace seckill::ui {
namespace {

// The URLs without blanks, and what is wrong with the first bad one (empty when usable).
QString node_urls_error(const QStringList& urls, QStringList& clean) {
    for (const QString& url : urls)
        if (!url.trimmed().isEmpty()) clean << url.trimmed();
    if (clean.isEmpty()) return QObject::tr("no node URL given (http://HOST:PORT)");
    for (const QString& url : clean)
        if (const QString why = NodeCluster::urlError(url); !why.isEmpty())
            return QStringLiteral("%1: %2").arg(url, why);
    return {};
}

}  // namespace

QString MainWindow::attachNodes(const QStringList& urls) {
    QStringList clean;
    if (const QString err = node_urls_error(urls, clean); !err.isEmpty()) {
        showError(tr("Cannot attach to the nodes: %1").arg(err));
        return err;
    }
    NodeClusterOptions o;
    o.urls = clean;
    o.admin_token = remote_admin_token_;
    o.refresh = std::chrono::milliseconds(refresh_ms_);
    const ConnectionSettings last = last_connection(settings_);
    setBackend(std::make_unique<NodeCluster>(o),
               ConnectionSettings{QStringLiteral("node"), last.nodes, last.redis_url, clean});
    return {};
}

void MainWindow::askAttachNodes() {
    const ConnectionSettings last = last_connection(settings_);
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, tr("Attach to node"),
        tr("Node URLs (http://HOST:PORT; several separated by spaces):"), QLineEdit::Normal,
        last.node_urls.isEmpty() ? QStringLiteral("http://127.0.0.1:8080")
                                 : last.node_urls.join(QLatin1Char(' ')),
        &ok);
    if (!ok) return;
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    const QStringList urls = text.split(separators, Qt::SkipEmptyParts);
    // A typing mistake is told before anything is asked, and the current cluster stays.
    QStringList clean;
    if (const QString err = node_urls_error(urls, clean); !err.isEmpty()) {
        QMessageBox::warning(this, tr("Attach to node"), tr("Cannot attach: %1").arg(err));
        return;
    }
    if (mayDetach(tr("attach to %1").arg(clean.join(QStringLiteral(", "))))) attachNodes(clean);
}

}  // namespace seckill::ui
