#pragma once
// seckill-console's command line.
#include <QString>
#include <QStringList>
#include <variant>

namespace seckill::ui {

struct ConsoleOptions {
    bool demo = false;         // run the demo sale at launch
    int nodes = 0;             // local nodes; 0 = as last time (QSettings), else 3
    QString data_dir;          // empty = QStandardPaths::AppDataLocation
    QString screenshot;        // render the window to this PNG, then quit
    double after_s = 8;        // … this long after launch
    int refresh_ms = 250;
    QString redis;             // attach to this Redis instead of starting local nodes
};

// The options, or a message for stderr (usage errors); `--help` and `--version` are
// answered by QCommandLineParser itself.
std::variant<ConsoleOptions, QString> parse_console_options(const QStringList& arguments);

}  // namespace seckill::ui
