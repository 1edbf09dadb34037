#pragma once
// One seckill-node process for tests that stage faults on real processes: started on a
// free loopback port with its own data dir, waited for until /readyz answers, frozen and
// resumed with SIGSTOP/SIGCONT, killed with SIGKILL. Its stdout and stderr go to a log
// file, read back by tests that look for what the node told its operator.
#include <signal.h>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <string>

#include "support/eventually.h"
#include "support/http_client.h"

namespace seckill::testing {

class NodeProcess {
  public:
    NodeProcess(QString id, QString data_dir)
        : id_(std::move(id)), data_dir_(std::move(data_dir)) {}
    ~NodeProcess() { kill(); }

    // Starts the node with `args` added to its id, port and data dir; true once ready.
    // The first start binds port 0 and reads the port the node printed (no probe-and-reuse
    // race under ctest -j); a restart asks for the same port, as an operator's would.
    bool start(const QStringList& args, const QString& admin_token) {
        QStringList all{QStringLiteral("--node-id"),  id_,
                        QStringLiteral("--listen"),   QStringLiteral("127.0.0.1:%1").arg(port_),
                        QStringLiteral("--data-dir"), data_dir_ + QLatin1Char('/') + id_};
        all << args;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SECKILL_ADMIN_TOKEN"), admin_token);
        process_.setProcessEnvironment(env);
        process_.setProcessChannelMode(QProcess::MergedChannels);
        process_.setStandardOutputFile(log_path(), QIODevice::Append);
        process_.start(QStringLiteral(SECKILL_NODE_BIN), all);
        if (!process_.waitForStarted(5000)) return false;
        if (port_ == 0 && !eventually([&] { return (port_ = printed_port()) != 0; }, 15'000))
            return false;
        return eventually([&] { return ready(); }, 15'000);
    }

    bool ready() const {
        try {
            return HttpClient(port_).request(boost::beast::http::verb::get, "/readyz").status ==
                   200;
        } catch (const std::exception&) {
            return false;
        }
    }

    void freeze() { ::kill(pid_t(process_.processId()), SIGSTOP); }
    void thaw() { ::kill(pid_t(process_.processId()), SIGCONT); }
    void kill() {
        if (process_.state() == QProcess::NotRunning) return;
        thaw();  // a stopped process cannot be reaped by waitForFinished otherwise
        process_.kill();
        process_.waitForFinished(5000);
    }

    // SIGTERM: the node returns its leases and drains its writer before it exits.
    void terminate() { process_.terminate(); }
    // True when it exited with status 0 within `ms`; `why` says otherwise.
    bool wait_stopped(int ms, QString& why) {
        if (!process_.waitForFinished(ms)) {
            why = QStringLiteral("still running after %1 ms").arg(ms);
            return false;
        }
        if (process_.exitStatus() != QProcess::NormalExit || process_.exitCode() != 0) {
            why = QStringLiteral("exited with status %1; its log:\n%2")
                      .arg(process_.exitCode())
                      .arg(log());
            return false;
        }
        return true;
    }

    QString log() const {
        QFile f(log_path());
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    const QString& id() const { return id_; }
    std::string sid() const { return id_.toStdString(); }
    unsigned short port() const { return port_; }

  private:
    // The port of the last "serving http://127.0.0.1:PORT" line in the log, or 0.
    unsigned short printed_port() const {
        static const QRegularExpression serving(
            QStringLiteral("serving http://127\\.0\\.0\\.1:(\\d+)"));
        unsigned short port = 0;
        for (auto it = serving.globalMatch(log()); it.hasNext();)
            port = it.next().captured(1).toUShort();
        return port;
    }
    QString log_path() const { return data_dir_ + QLatin1Char('/') + id_ + QStringLiteral(".log"); }

    QString id_;
    QString data_dir_;
    unsigned short port_ = 0;
    QProcess process_;
};

}  // namespace seckill::testing
