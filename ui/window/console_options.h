#pragma once
// seckill-console's command line.
#include <QString>
#include <QStringList>
#include <cstdint>
#include <variant>
#include <vector>

#include "store/fault_plan.h"

namespace seckill::ui {

// --fault NODE:KIND[*RATIO][:SECONDS[:MS]][@AT]: a fault the console injects AT seconds after
// launch (for a screenshot mid-fault, or a quick QA run without clicking).
struct ScheduledFault {
    QString node;
    store::FaultSpec spec;
    double at_s = 0;
};

struct ConsoleOptions {
    bool demo = false;            // run the demo sale at launch
    std::int64_t demo_stock = 0;  // its units; 0 = the demo's 1,000
    int nodes = 0;                // local nodes; 0 = as last time (QSettings), else 3
    QString data_dir;             // empty = QStandardPaths::AppDataLocation
    QString screenshot;           // render the window to this PNG, then quit
    QString report_pdf;           // write the selected sale's PDF report, then quit
    double after_s = 8;           // … this long after launch
    int refresh_ms = 250;
    QString redis;             // attach to this Redis instead of starting local nodes
    QStringList node_urls;     // attach to these standalone nodes (http://HOST:PORT) instead
    QString admin_token_file;  // the remote nodes' admin token (else $SECKILL_ADMIN_TOKEN)
    std::vector<ScheduledFault> faults;
    QString scenario;  // run this scenario on the local cluster once its nodes are up
};

// The options, or a message for stderr (usage errors); `--help` and `--version` are
// answered by QCommandLineParser itself.
std::variant<ConsoleOptions, QString> parse_console_options(const QStringList& arguments);
// One --fault value; an error sentence when it is malformed.
std::variant<ScheduledFault, QString> parse_scheduled_fault(const QString& text);

}  // namespace seckill::ui
