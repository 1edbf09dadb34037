#pragma once
// A small blocking HTTP/1.1 client on Boost.Beast for tests: one connection per call
// unless a Connection object is reused, plus raw byte exchanges for malformed input.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <string>

namespace seckill::testing {

struct Reply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    boost::json::value json() const {
        boost::system::error_code ec;
        auto v = boost::json::parse(body, ec);
        return ec ? boost::json::value() : v;
    }
    // "HTTP 503 {…}", for a failed wait's last-seen line.
    std::string describe() const { return "HTTP " + std::to_string(status) + " " + body; }
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Everything the peer sends on `s` until it closes the connection (or `wait_ms` passes
// between bytes).
inline std::string read_until_close(boost::asio::ip::tcp::socket& s, int wait_ms) {
    timeval tv{wait_ms / 1000, (wait_ms % 1000) * 1000};
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(s.native_handle(), buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, std::size_t(n));
    }
    return out;
}

class HttpClient {
  public:
    explicit HttpClient(unsigned short port) : port_(port), socket_(ioc_) {}

    Reply request(boost::beast::http::verb method, const std::string& target,
                  const std::string& body = {}, const std::string& token = {},
                  const std::map<std::string, std::string>& extra = {}) {
        namespace http = boost::beast::http;
        ensure_connected();
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
        for (const auto& [k, v] : extra) req.set(k, v);
        if (!body.empty()) {
            req.set(http::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        http::write(socket_, req);
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(socket_, buffer, res);
        Reply r;
        r.status = int(res.result_int());
        r.body = res.body();
        for (const auto& f : res) r.headers[std::string(f.name_string())] = std::string(f.value());
        if (!res.keep_alive()) close();
        return r;
    }

    // Sends raw bytes on a fresh connection and returns everything the server sends back
    // until it closes the connection (or `wait_ms` passes between bytes).
    std::string raw(const std::string& bytes, int wait_ms = 3000) {
        boost::asio::ip::tcp::socket s(ioc_);
        s.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
        boost::asio::write(s, boost::asio::buffer(bytes));
        return read_until_close(s, wait_ms);
    }

    // Opens a connection, sends `bytes`, and waits without sending more.
    std::string stall(const std::string& bytes, int wait_ms) { return raw(bytes, wait_ms); }

    void close() {
        boost::system::error_code ec;
        socket_.close(ec);
    }

  private:
    void ensure_connected() {
        if (socket_.is_open()) return;
        socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port_});
    }

    unsigned short port_;
    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::socket socket_;
};

inline int status_of(const std::string& raw_response) {
    // "HTTP/1.1 413 Payload Too Large" -> 413
    if (raw_response.size() < 12 || raw_response.compare(0, 5, "HTTP/") != 0) return 0;
    return std::stoi(raw_response.substr(9, 3));
}

// GET /healthz on `port`: true on 200. `seen` says what came back instead (an answer or
// the connection error), for a failed wait's message.
inline bool answers_healthz(unsigned short port, std::string& seen) {
    try {
        const Reply r = HttpClient(port).request(boost::beast::http::verb::get, "/healthz");
        seen = r.describe();
        return r.status == 200;
    } catch (const std::exception& e) {
        seen = e.what();
        return false;
    }
}

}  // namespace seckill::testing
