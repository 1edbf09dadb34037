// Connection caps over real sockets: one client address over its cap gets 503 while
// another is served, and a node out of file descriptors still answers 503 (the spare
// descriptor) instead of leaving the connection in the backlog.
#include <sys/resource.h>
#include <unistd.h>

#include <QtTest>

#include "node_fixture.h"

using namespace seckill;
using namespace seckill::testing;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class ConnectionCaps : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void perAddressCap();
    void outOfDescriptorsStillAnswers();
};

namespace {

// A connection from `source` (any 127.x address works on Linux loopback).
std::unique_ptr<tcp::socket> connect_from(net::io_context& ioc, const char* source,
                                          unsigned short port) {
    auto s = std::make_unique<tcp::socket>(ioc);
    s->open(tcp::v4());
    s->bind({net::ip::make_address(source), 0});
    s->connect({net::ip::make_address("127.0.0.1"), port});
    return s;
}

std::string read_all(tcp::socket& s, int wait_ms = 5000) { return read_until_close(s, wait_ms); }

std::string get_healthz(tcp::socket& s) {
    const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    net::write(s, net::buffer(req));
    return read_all(s);
}

}  // namespace

void ConnectionCaps::perAddressCap() {
    node::http::ServerOptions so;
    so.max_connections_per_ip = 3;
    NodeFixture node(so);
    net::io_context ioc;
    std::vector<std::unique_ptr<tcp::socket>> held;
    for (int i = 0; i < 3; ++i) held.push_back(connect_from(ioc, "127.0.0.1", node.server->port()));
    QTRY_COMPARE(node.server->open_connections(), std::int64_t(3));

    // The fourth from the same address: 503 and closed, at once, without sending anything.
    auto over = connect_from(ioc, "127.0.0.1", node.server->port());
    const std::string refused = read_all(*over);
    QCOMPARE(status_of(refused), 503);
    QVERIFY2(refused.find("this address has too many open connections") != std::string::npos,
             refused.c_str());
    QVERIFY(refused.find("Connection: close") != std::string::npos);

    // Another address is served meanwhile.
    auto other = connect_from(ioc, "127.0.0.2", node.server->port());
    QCOMPARE(status_of(get_healthz(*other)), 200);

    // A slot freed by the first address is its own again.
    held.pop_back();
    int status = 0;
    SECKILL_WAIT_FOR(
        (status = status_of(get_healthz(*connect_from(ioc, "127.0.0.1", node.server->port())))) ==
            200,
        "127.0.0.1 to be served again once one of its connections closed",
        "HTTP " + std::to_string(status), 5000);
}

void ConnectionCaps::outOfDescriptorsStillAnswers() {
    NodeFixture node;
    net::io_context ioc;
    tcp::socket client(ioc);
    client.open(tcp::v4());  // its descriptor exists before the limit drops

    // Lower this process's soft descriptor limit to the lowest free descriptor: from now on
    // nothing can open a descriptor, so the node's accept fails with EMFILE.
    rlimit saved{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    const int lowest_free = ::dup(0);
    QVERIFY(lowest_free >= 0);
    ::close(lowest_free);
    rlimit tight = saved;
    tight.rlim_cur = rlim_t(lowest_free);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &tight), 0);
    struct Restore {
        rlimit lim;
        ~Restore() { ::setrlimit(RLIMIT_NOFILE, &lim); }
    } restore{saved};
    QCOMPARE(::dup(0), -1);  // the limit holds
    QCOMPARE(errno, EMFILE);

    client.connect({net::ip::make_address("127.0.0.1"), node.server->port()});
    const std::string answer = read_all(client, 10'000);
    QCOMPARE(status_of(answer), 503);
    QVERIFY2(answer.find("out of file descriptors") != std::string::npos, answer.c_str());

    // With descriptors back, the node serves again (its spare was taken back).
    ::setrlimit(RLIMIT_NOFILE, &saved);
    QCOMPARE(node.client().request(boost::beast::http::verb::get, "/healthz").status, 200);
}

QTEST_GUILESS_MAIN(ConnectionCaps)
#include "test_connection_caps.moc"
