#include "window/console_options.h"

#include <QCommandLineParser>

namespace seckill::ui {

std::variant<ScheduledFault, QString> parse_scheduled_fault(const QString& text) {
    const QString usage = QStringLiteral(
        "--fault takes NODE:KIND[*RATIO][:SECONDS[:MS]][@AT], e.g. n2:ledger_down:20@5, "
        "n1:ledger_latency:30:120 or n3:ledger_error*0.5:20");
    QString rest = text;
    ScheduledFault f;
    bool ok = true;
    if (const qsizetype at = rest.lastIndexOf(QLatin1Char('@')); at >= 0) {
        f.at_s = rest.mid(at + 1).toDouble(&ok);
        if (!ok || f.at_s < 0) return usage;
        rest.truncate(at);
    }
    const QStringList parts = rest.split(QLatin1Char(':'));
    if (parts.size() < 2 || parts.size() > 4 || parts[0].isEmpty()) return usage;
    f.node = parts[0];
    // KIND*RATIO hits only that share of calls, e.g. ledger_error*0.5.
    const QStringList kind_ratio = parts[1].split(QLatin1Char('*'));
    const auto kind = store::parse_fault_kind(kind_ratio[0].toStdString());
    if (!kind) return QStringLiteral("--fault: unknown fault kind %1").arg(kind_ratio[0]);
    f.spec.kind = *kind;
    if (kind_ratio.size() == 2) {
        f.spec.ratio = kind_ratio[1].toDouble(&ok);
        if (!ok || f.spec.ratio < 0.001 || f.spec.ratio > 1) return usage;
    } else if (kind_ratio.size() > 2) {
        return usage;
    }
    if (store::info(*kind).takes_latency) {
        f.spec.ms = 300;  // the context menu's "slow ledger"
        f.spec.jitter_ms = 50;
    }
    if (parts.size() == 4) {
        f.spec.ms = parts[3].toLongLong(&ok);
        if (!ok || f.spec.ms < 0 || f.spec.ms > store::max_fault_ms ||
            !store::info(*kind).takes_latency)
            return usage;
    }
    double seconds = 20;
    if (parts.size() >= 3) {
        seconds = parts[2].toDouble(&ok);
        if (!ok || seconds <= 0) return usage;
    }
    if (store::info(*kind).lasts) f.spec.duration_ms = qRound64(seconds * 1000.0);
    return f;
}

std::variant<ConsoleOptions, QString> parse_console_options(const QStringList& arguments) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Seckill ops console: live dashboard of a flash-sale cluster"));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Start the demo sale at launch."));
    const QCommandLineOption demo_stock(
        QStringLiteral("demo-stock"),
        QStringLiteral("Units of the demo sale (default 1000; more keeps it selling)."),
        QStringLiteral("N"));
    const QCommandLineOption nodes(QStringLiteral("nodes"),
                                   QStringLiteral("Local nodes to start (1-8)."),
                                   QStringLiteral("N"));
    const QCommandLineOption data(QStringLiteral("data-dir"),
                                  QStringLiteral("Order DBs, audit log and admin token."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption shot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save the window as a PNG, then quit."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption pdf(
        QStringLiteral("report-pdf"),
        QStringLiteral("Save the selected sale's PDF report, then quit (with --screenshot: both)."),
        QStringLiteral("FILE"));
    const QCommandLineOption after(
        QStringLiteral("after"),
        QStringLiteral("Seconds after launch for --screenshot and --report-pdf (default 8)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption refresh(QStringLiteral("refresh-ms"),
                                     QStringLiteral("Dashboard refresh period (250-500 ms)."),
                                     QStringLiteral("MS"));
    const QCommandLineOption redis(
        QStringLiteral("redis"),
        QStringLiteral("Attach to the cluster sharing this Redis (redis://HOST[:PORT][/DB])."),
        QStringLiteral("URL"));
    const QCommandLineOption node(
        QStringLiteral("node"),
        QStringLiteral("Attach to this standalone seckill-node through its admin API "
                       "(repeatable; needs the admin token)."),
        QStringLiteral("http://HOST:PORT"));
    const QCommandLineOption token(
        QStringLiteral("admin-token-file"),
        QStringLiteral("The nodes' admin token, for --node and for faults and the order "
                       "DB's tally on a Redis cluster's nodes (default: $SECKILL_ADMIN_TOKEN)."),
        QStringLiteral("FILE"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("Inject a fault AT seconds after launch (repeatable), "
                       "e.g. n2:ledger_down:20@5."),
        QStringLiteral("NODE:KIND[:SECONDS][@AT]"));
    const QCommandLineOption scenario(
        QStringLiteral("scenario"),
        QStringLiteral("Run this scenario file on the local cluster once its nodes are up "
                       "(the Scenarios dock's Run)."),
        QStringLiteral("FILE"));
    p.addOptions({demo, demo_stock, nodes, data, shot, pdf, after, refresh, redis, node, token,
                  fault, scenario});
    p.process(arguments);

    ConsoleOptions o;
    o.demo = p.isSet(demo);
    o.data_dir = p.value(data);
    o.screenshot = p.value(shot);
    o.report_pdf = p.value(pdf);
    o.redis = p.value(redis);
    o.admin_token_file = p.value(token);
    o.node_urls = p.values(node);
    // Attached nodes are the operator's, as a Redis cluster's: nothing local to start or run on.
    if (!o.node_urls.isEmpty() &&
        (!o.redis.isEmpty() || o.demo || p.isSet(nodes) || p.isSet(scenario)))
        return QStringLiteral(
            "--node cannot be combined with --redis, --demo, --nodes or --scenario");
    o.scenario = p.value(scenario);
    if (!o.redis.isEmpty() && !o.scenario.isEmpty())
        return QStringLiteral("--scenario runs on local nodes: it cannot be combined with --redis");
    for (const QString& text : p.values(fault)) {
        auto parsed = parse_scheduled_fault(text);
        if (auto* err = std::get_if<QString>(&parsed)) return *err;
        o.faults.push_back(std::get<ScheduledFault>(parsed));
    }
    // The demo and --nodes start local nodes; a Redis cluster's nodes are the operator's.
    if (!o.redis.isEmpty() && (o.demo || p.isSet(nodes)))
        return QStringLiteral("--redis cannot be combined with --demo or --nodes");
    bool ok = true;
    if (p.isSet(demo_stock)) {
        o.demo_stock = p.value(demo_stock).toLongLong(&ok);
        if (!ok || o.demo_stock < 1 || o.demo_stock > 100'000'000)
            return QStringLiteral("--demo-stock takes 1 to 100000000");
    }
    if (p.isSet(nodes)) {
        o.nodes = p.value(nodes).toInt(&ok);
        if (!ok || o.nodes < 1 || o.nodes > 8) return QStringLiteral("--nodes takes 1 to 8");
    }
    if (p.isSet(after)) {
        o.after_s = p.value(after).toDouble(&ok);
        if (!ok || o.after_s < 0) return QStringLiteral("--after takes a number of seconds");
    }
    if (p.isSet(refresh)) {
        o.refresh_ms = p.value(refresh).toInt(&ok);
        if (!ok || o.refresh_ms < 250 || o.refresh_ms > 500)
            return QStringLiteral("--refresh-ms takes 250 to 500");
    }
    return o;
}

}  // namespace seckill::ui
