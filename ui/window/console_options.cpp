#include "window/console_options.h"

#include <QCommandLineParser>

namespace seckill::ui {

std::variant<ConsoleOptions, QString> parse_console_options(const QStringList& arguments) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Seckill ops console: live dashboard of a flash-sale cluster"));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Start the demo sale at launch."));
    const QCommandLineOption nodes(QStringLiteral("nodes"), QStringLiteral("Local nodes to start (1-8)."),
                                   QStringLiteral("N"));
    const QCommandLineOption data(QStringLiteral("data-dir"),
                                  QStringLiteral("Order DBs, audit log and admin token."), QStringLiteral("DIR"));
    const QCommandLineOption shot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save the window as a PNG, then quit."), QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"),
                                   QStringLiteral("Seconds after launch for --screenshot (default 8)."),
                                   QStringLiteral("SECONDS"));
    const QCommandLineOption refresh(QStringLiteral("refresh-ms"),
                                     QStringLiteral("Dashboard refresh period (250-500 ms)."), QStringLiteral("MS"));
    const QCommandLineOption redis(QStringLiteral("redis"),
                                   QStringLiteral("Attach to the cluster sharing this Redis (redis://HOST[:PORT][/DB])."),
                                   QStringLiteral("URL"));
    p.addOptions({demo, nodes, data, shot, after, refresh, redis});
    p.process(arguments);

    ConsoleOptions o;
    o.demo = p.isSet(demo);
    o.data_dir = p.value(data);
    o.screenshot = p.value(shot);
    o.redis = p.value(redis);
    // The demo and --nodes start local nodes; a Redis cluster's nodes are the operator's.
    if (!o.redis.isEmpty() && (o.demo || p.isSet(nodes))) return QStringLiteral("--redis cannot be combined with --demo or --nodes");
    bool ok = true;
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
        if (!ok || o.refresh_ms < 250 || o.refresh_ms > 500) return QStringLiteral("--refresh-ms takes 250 to 500");
    }
    return o;
}

}  // namespace seckill::ui
