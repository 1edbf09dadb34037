#pragma once
// A real redis-server for tests: its own temp dir, a free loopback port, AOF on with
// appendfsync always (as the README tells operators to run it). Stopped when destroyed;
// kill_hard() + start() restart it from its AOF like a crashed production Redis.
#include <QDir>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <stdexcept>
#include <string>

namespace seckill::testing {

class RedisServer {
  public:
    RedisServer() {
        if (!dir_.isValid()) throw std::runtime_error("no temp dir for redis-server");
        port_ = free_port();
        start();
    }
    ~RedisServer() { kill_hard(); }
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    void start() {
        const auto l = [](const char* text) { return QString::fromLatin1(text); };
        process_.setProgram(l("redis-server"));
        process_.setArguments({l("--port"), QString::number(port_), l("--bind"), l("127.0.0.1"),
                               l("--dir"), dir_.path(), l("--appendonly"), l("yes"),
                               l("--appendfsync"), l("always"), l("--save"), QString(),
                               l("--daemonize"), l("no"), l("--loglevel"), l("warning")});
        process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process_.setStandardOutputFile(dir_.filePath(QStringLiteral("redis.log")),
                                       QIODevice::Append);
        process_.start();
        if (!process_.waitForStarted(5000)) throw std::runtime_error("redis-server did not start");
        for (int i = 0; i < 200; ++i) {
            if (ping()) return;
            QThread::msleep(25);
        }
        throw std::runtime_error("redis-server does not answer PING");
    }

    // SIGKILL: what survives is what the AOF had on disk.
    void kill_hard() {
        if (process_.state() == QProcess::NotRunning) return;
        process_.kill();
        process_.waitForFinished(5000);
    }

    // A Redis that comes back without its data (a new machine, a wiped volume).
    void restart_empty() {
        kill_hard();
        QDir dir(dir_.path());
        dir.removeRecursively();
        QDir().mkpath(dir_.path());
        start();
    }

    int port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
    qint64 pid() const { return process_.processId(); }

    bool ping() const {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, quint16(port_));
        if (!s.waitForConnected(200)) return false;
        s.write("PING\r\n");
        if (!s.waitForReadyRead(500)) return false;
        return s.readAll().startsWith("+PONG");
    }

  private:
    static int free_port() {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) throw std::runtime_error("no free port");
        return probe.serverPort();
    }

    QTemporaryDir dir_;
    int port_ = 0;
    QProcess process_;
};

}  // namespace seckill::testing
