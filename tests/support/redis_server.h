#pragma once
// A real redis-server for tests: its own temp dir, a free loopback port, AOF on with
// appendfsync always (as the README tells operators to run it). Stopped when destroyed;
// kill_hard() + start() restart it from its AOF like a crashed production Redis.
#include <QDir>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <stdexcept>
#include <string>

#include "support/loopback_port.h"

namespace seckill::testing {

class RedisServer {
  public:
    RedisServer() {
        if (!dir_.isValid()) throw std::runtime_error("no temp dir for redis-server");
        // A probed port can be taken by another test before redis-server binds it; Redis
        // then exits, and a new port is tried. (A PING answered by someone else's Redis
        // while ours exited is never taken for ours: ours must still be running.)
        for (int attempt = 0;; ++attempt) {
            port_ = probe_loopback_port();
            if (try_start()) return;
            if (attempt == 4) throw std::runtime_error("redis-server could not bind a port");
        }
    }
    ~RedisServer() { kill_hard(); }
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    // Starts it again on its port (the nodes know its URL), from what its AOF holds.
    void start() {
        if (!try_start())
            throw std::runtime_error("redis-server did not come back on port " +
                                     std::to_string(port_));
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
    // The process id of the Redis that answers on port_ (INFO server), or 0.
    qint64 answering_pid() const {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, quint16(port_));
        if (!s.waitForConnected(200)) return 0;
        s.write("INFO server\r\n");
        QByteArray reply;
        while (!reply.contains("process_id:") || !reply.endsWith("\r\n\r\n")) {
            if (!s.waitForReadyRead(500)) break;
            reply += s.readAll();
        }
        const qsizetype at = reply.indexOf("process_id:");
        if (at < 0) return 0;
        const qsizetype end = reply.indexOf("\r\n", at);
        return reply.mid(at + 11, end - at - 11).toLongLong();
    }

    // True once our process answers PING on port_; false when it exited (could not bind).
    bool try_start() {
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
        // Loading a large AOF takes a while; 10 s is far more than any test's.
        for (int i = 0; i < 400; ++i) {
            if (process_.state() == QProcess::NotRunning) return false;
            if (answering_pid() == process_.processId()) return true;
            process_.waitForFinished(25);
        }
        throw std::runtime_error("redis-server does not answer PING on port " +
                                 std::to_string(port_));
    }

    QTemporaryDir dir_;
    int port_ = 0;
    QProcess process_;
};

}  // namespace seckill::testing
