// The console under a full local cluster: 8 embedded nodes, unpaced load on all of them,
// the dashboard refreshing 4 times a second. Prints the longest gap of a 10 ms timer on
// the UI thread (event-loop stalls, budget 50 ms) and the CPU the console's refresh costs
// (UI thread + the backend's poll thread, budget 15% of one core). Not a test: numbers
// depend on the machine.
//   console_refresh_bench [NODES] [SECONDS]      (default 8 nodes, 10 s after 3 s warm-up)
#include <unistd.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

#include "audit/audit_log.h"
#include "support/eventually.h"
#include "views/load_panel.h"
#include "window/main_window.h"
#include "window/operator_actions.h"

using namespace seckill;
using namespace seckill::ui;

namespace {

double thread_cpu_s() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// CPU seconds of the process's thread with this name (Qt names its threads after their
// objectName), from /proc: another thread's clock cannot be read directly.
double named_thread_cpu_s(const std::string& name) {
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        std::ifstream comm(tasks.filePath(tid + QStringLiteral("/comm")).toStdString());
        std::string n;
        std::getline(comm, n);
        if (n != name) continue;
        std::ifstream stat(tasks.filePath(tid + QStringLiteral("/stat")).toStdString());
        std::string line;
        std::getline(stat, line);
        // Fields after the ")" that closes the name: state is field 3, utime 14, stime 15.
        std::istringstream rest(line.substr(line.rfind(')') + 2));
        std::string field;
        unsigned long long utime = 0, stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i) {
            if (i == 14) utime = std::stoull(field);
            if (i == 15) stime = std::stoull(field);
        }
        return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const int nodes = argc > 1 ? std::atoi(argv[1]) : 8;
    const double seconds = argc > 2 ? std::atof(argv[2]) : 10;
    const double warmup = 3;

    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    AuditLog audit(dir.filePath(QStringLiteral("audit.db")).toStdString());
    MainWindow window(settings, &audit, dir.filePath(QStringLiteral("data")), 250);
    window.resize(1600, 1000);
    window.show();
    window.connectLocal(nodes);
    if (!testing::eventually(
            [&] { return window.lastSnapshot() && window.lastSnapshot()->nodes_up() == nodes; },
            20'000)) {
        std::fprintf(stderr, "the %d nodes did not come up\n", nodes);
        return 1;
    }
    // Stock and users large enough that buys keep reaching the ledger for the whole run:
    // the heaviest kind of traffic, not a sold-out storm.
    SaleConfig sale;
    sale.id = "bench";
    sale.name = "bench";
    sale.total = 50'000'000;
    sale.per_user_limit = 1000;
    window.actions()->createSale(sale, true);
    testing::eventually([&] { return window.lastSnapshot()->selected_sale == "bench"; });
    load::LoadOptions load;
    load.users = 10'000'000;
    load.rate = 0;
    load.connections = 8 * nodes;
    load.duration_s = warmup + seconds + 1;
    if (!window.loadPanel()->run(load)) return 1;

    QTest::qWait(int(warmup * 1000));
    QElapsedTimer wall;
    QElapsedTimer since_tick;
    qint64 max_gap_ms = 0;
    std::int64_t ticks = 0, refreshes = 0;
    double buys_per_s = 0;
    QTimer probe;
    probe.setInterval(10);
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        max_gap_ms = std::max(max_gap_ms, since_tick.restart());
        ++ticks;
    });
    QObject::connect(&window, &MainWindow::snapshotShown, [&](const SnapshotPtr& s) {
        ++refreshes;
        buys_per_s = std::max(buys_per_s, s->buys_per_s());
    });
    const double ui0 = thread_cpu_s(), backend0 = named_thread_cpu_s("backend");
    wall.start();
    since_tick.start();
    probe.start();
    QTest::qWait(int(seconds * 1000));
    probe.stop();
    const double elapsed = double(wall.elapsed()) / 1000.0;
    const double ui_cpu = (thread_cpu_s() - ui0) / elapsed * 100;
    const double backend_cpu = (named_thread_cpu_s("backend") - backend0) / elapsed * 100;

    std::printf("nodes %d, %.1f s measured, %lld refreshes (%.1f/s), peak %.0f buy requests/s\n",
                nodes, elapsed, static_cast<long long>(refreshes), double(refreshes) / elapsed,
                buys_per_s);
    std::printf("event loop: %lld ticks of a 10 ms timer, longest gap %lld ms (budget 50)\n",
                static_cast<long long>(ticks), static_cast<long long>(max_gap_ms));
    std::printf(
        "refresh CPU: UI thread %.1f%% + backend poll %.1f%% = %.1f%% of one core (budget 15)\n",
        ui_cpu, backend_cpu, ui_cpu + backend_cpu);
    window.loadPanel()->stop();
    const bool ok = max_gap_ms < 50 && ui_cpu + backend_cpu < 15;
    std::printf("%s\n", ok ? "within budget" : "OVER BUDGET");
    return ok ? 0 : 3;
}
