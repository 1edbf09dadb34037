// seckill-console: parses the command line, opens the audit log and settings, shows the
// window on a local cluster (or runs the demo), and for --screenshot saves the window.
#include <sys/stat.h>

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <csignal>
#include <iostream>
#include <memory>
#include <string_view>

#include "audit/audit_log.h"
#include "node/http/admin_token.h"
#include "seckill_version.h"
#include "views/scenario_panel.h"
#include "window/console_options.h"
#include "window/demo_scenario.h"
#include "window/main_window.h"
#include "window/window_settings.h"

using namespace seckill::ui;

// --node or --redis, else what was open last time (nodes' URLs, a Redis URL or a number of
// local nodes). False when what the command line asked for cannot be attached; what was
// remembered and fails falls back to local nodes.
static bool connect_at_launch(MainWindow& window, const ConsoleOptions& opt,
                              const ConnectionSettings& last) {
    const bool asked = !opt.node_urls.isEmpty() || !opt.redis.isEmpty();
    const bool remembered = !asked && !(opt.demo || opt.nodes > 0);
    QString err, what;
    if (!opt.node_urls.isEmpty() ||
        (remembered && last.kind == QStringLiteral("node") && !last.node_urls.isEmpty())) {
        const QStringList urls = asked ? opt.node_urls : last.node_urls;
        what = urls.join(QLatin1Char(' '));
        err = window.attachNodes(urls);
    } else if (!opt.redis.isEmpty() ||
               (remembered && last.kind == QStringLiteral("redis") && !last.redis_url.isEmpty())) {
        what = asked ? opt.redis : last.redis_url;
        err = window.attachRedis(what);
    } else {
        window.connectLocal(opt.nodes > 0 ? opt.nodes : (opt.demo ? 3 : last.nodes));
        return true;
    }
    if (err.isEmpty()) return true;
    std::cerr << "seckill-console: " << what.toStdString() << ": " << err.toStdString() << '\n';
    if (asked) return false;
    window.connectLocal(last.nodes);
    return true;
}

int main(int argc, char** argv) {
    // A buyer closing a connection mid-reply must not kill the embedded nodes.
    std::signal(SIGPIPE, SIG_IGN);
    // The audit log and the session order DBs are the operator's: owner-only files (0600)
    // in owner-only folders (0700), like seckill-node's data directory.
    ::umask(077);
    // --help and --version need no display: answered by a QCoreApplication before the GUI
    // starts, so they work over ssh and in packaging tools (help2man).
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" ||
            arg == "-v") {
            QCoreApplication core(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("seckill-console"));
            QCoreApplication::setApplicationVersion(QStringLiteral(SECKILL_VERSION));
            parse_console_options(QCoreApplication::arguments());  // prints and exits
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("seckill"));
    QApplication::setApplicationName(QStringLiteral("seckill-console"));
    QApplication::setApplicationVersion(QStringLiteral(SECKILL_VERSION));

    auto parsed = parse_console_options(QApplication::arguments());
    if (auto* err = std::get_if<QString>(&parsed)) {
        std::cerr << "seckill-console: " << err->toStdString() << '\n';
        return 2;
    }
    ConsoleOptions opt = std::get<ConsoleOptions>(parsed);
    if (opt.data_dir.isEmpty())
        opt.data_dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(opt.data_dir);

    QSettings settings;
    std::unique_ptr<AuditLog> audit;
    QString audit_error;
    try {
        audit = std::make_unique<AuditLog>(
            QDir(opt.data_dir).filePath(QStringLiteral("audit.db")).toStdString());
    } catch (const std::exception& e) {
        audit_error = QString::fromUtf8(e.what());
    }

    MainWindow window(settings, audit.get(), opt.data_dir, opt.refresh_ms);
    // Remote nodes take faults only from a holder of their admin token (local ones are
    // reached in process). Read like seckill-node reads it: the file, else the variable.
    try {
        if (!opt.admin_token_file.isEmpty())
            window.setRemoteAdminToken(QString::fromStdString(
                seckill::node::http::load_admin_token(opt.admin_token_file.toStdString(), {})
                    .value));
        else if (const QByteArray env = qgetenv("SECKILL_ADMIN_TOKEN"); !env.isEmpty())
            window.setRemoteAdminToken(QString::fromUtf8(env));
    } catch (const std::exception& e) {
        std::cerr << "seckill-console: " << e.what() << '\n';
        return 2;
    }
    window.show();
    if (!audit_error.isEmpty())
        QMessageBox::warning(&window, QStringLiteral("Audit log"),
                             QStringLiteral("Actions will not be saved: %1").arg(audit_error));
    if (!connect_at_launch(window, opt, last_connection(settings))) return 2;
    if (opt.demo) {
        DemoPlan plan;
        if (opt.demo_stock > 0) plan.stock = opt.demo_stock;
        window.runDemo(plan);
    }
    for (const ScheduledFault& f : opt.faults) {
        // Straight to the backend: asked for on the command line, so not confirmed again;
        // the result is audited like the dock's.
        QTimer::singleShot(int(f.at_s * 1000), &window, [&window, f] {
            if (window.backend()) window.backend()->injectFaults({f.node}, {f.spec});
        });
    }
    if (!opt.scenario.isEmpty()) {
        // As soon as a snapshot shows every local node up: the runner aims at their ports.
        auto* once = new QObject(&window);
        const QString file = opt.scenario;
        QObject::connect(&window, &MainWindow::snapshotShown, once,
                         [&window, once, file](const SnapshotPtr& snap) {
                             const bool all_up = snap->nodes_up() > 0 &&
                                                 snap->nodes_up() == int(snap->nodes.size());
                             if (once->property("ran").toBool() || !all_up) return;
                             once->setProperty("ran", true);
                             once->deleteLater();  // disconnects: one run
                             window.runScenario(file, int(ScenarioPanel::Where::local));
                         });
    }

    if (!opt.screenshot.isEmpty() || !opt.report_pdf.isEmpty()) {
        QTimer::singleShot(int(opt.after_s * 1000), &window, [&] {
            bool ok = true;
            if (!opt.screenshot.isEmpty() && !window.grab().save(opt.screenshot, "PNG")) {
                std::cerr << "seckill-console: cannot write " << opt.screenshot.toStdString()
                          << '\n';
                ok = false;
            }
            if (!opt.report_pdf.isEmpty())
                if (const QString err = window.exportPdfReport(opt.report_pdf); !err.isEmpty()) {
                    std::cerr << "seckill-console: " << opt.report_pdf.toStdString() << ": "
                              << err.toStdString() << '\n';
                    ok = false;
                }
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
