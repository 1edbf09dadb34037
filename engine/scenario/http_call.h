#pragma once
// One blocking HTTP/1.1 exchange with a deadline, for the runner's admin calls and
// probes (readiness, order lookups). Loopback addresses only: the runner is a test tool.
#include <boost/json/value.hpp>
#include <chrono>
#include <string>

namespace seckill::scenario {

struct Endpoint {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string text() const { return host + ":" + std::to_string(port); }
};

struct HttpAnswer {
    int status = 0;  // 0: no answer (connect, write or read failed, or the deadline passed)
    std::string body;
    std::string error;                // why there was no answer
    boost::json::value json() const;  // null when the body is not JSON
};

HttpAnswer http_call(const Endpoint& to, std::string_view method, const std::string& target,
                     const std::string& body = {}, const std::string& bearer = {},
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

// A port that was free on 127.0.0.1 a moment ago (bound to port 0, then released).
unsigned short free_loopback_port();

// True when a Redis on `to` answers PING with PONG within `timeout`.
bool redis_ping(const Endpoint& to, std::chrono::milliseconds timeout);

}  // namespace seckill::scenario
