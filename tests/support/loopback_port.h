#pragma once
// A loopback port that was free a moment ago, for the servers that cannot bind port 0 and
// say which port they got: redis-server (port 0 turns TCP off) and nginx. Everything of ours
// binds port 0 instead (NodeProcess reads the port back). The probe races other tests under
// `ctest -j`, so a caller must check that its own server holds the port — both servers exit
// when they cannot bind — and try another port if not; see RedisServer::start.
#include <QTcpServer>
#include <stdexcept>

namespace seckill::testing {

inline int probe_loopback_port() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) throw std::runtime_error("no free port");
    return probe.serverPort();
}

}  // namespace seckill::testing
