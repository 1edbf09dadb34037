#include "scenariorun/scenario_files.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace seckill::ui {

QString shipped_scenario_dir() {
    QStringList candidates;
    if (const QString env = qEnvironmentVariable("SECKILL_SCENARIO_DIR"); !env.isEmpty())
        candidates << env;
    candidates << QDir(QCoreApplication::applicationDirPath())
                      .filePath(QStringLiteral("../share/seckill/scenarios"));
#ifdef SECKILL_SOURCE_SCENARIO_DIR
    candidates << QStringLiteral(SECKILL_SOURCE_SCENARIO_DIR);
#endif
    for (const QString& dir : candidates)
        if (QFileInfo(dir).isDir()) return QDir(dir).canonicalPath();
    return {};
}

QStringList shipped_scenarios() {
    const QString dir = shipped_scenario_dir();
    if (dir.isEmpty()) return {};
    QStringList out;
    for (const QFileInfo& f :
         QDir(dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        out << f.filePath();
    return out;
}

QString node_binary() {
    const QString env = qEnvironmentVariable("SECKILL_NODE_BINARY");
    const QString path =
        !env.isEmpty()
            ? env
            : QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("seckill-node"));
    const QFileInfo f(path);
    return f.isFile() && f.isExecutable() ? f.filePath() : QString();
}

std::variant<scenario::ScenarioSpec, QString> read_scenario(const QString& path) {
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    // The runner's own limit (runner.cpp): a scenario is a page of JSON, never megabytes.
    if (file.size() > (1 << 20)) return QStringLiteral("%1: larger than 1 MiB").arg(name);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: %2").arg(name, file.errorString());
    const QByteArray text = file.readAll();
    auto parsed =
        scenario::parse_scenario(std::string_view(text.constData(), std::size_t(text.size())));
    if (auto* why = std::get_if<std::string>(&parsed))
        return QStringLiteral("%1: %2").arg(name, QString::fromStdString(*why));
    return std::get<scenario::ScenarioSpec>(std::move(parsed));
}

}  // namespace seckill::ui
