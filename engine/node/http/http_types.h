#pragma once
// The request and response as handlers see them: plain views and strings, no Beast types,
// so handlers stay testable and the server stays the only code that knows the wire.
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace seckill::node::http {

using Verb = boost::beast::http::verb;

struct Request {
    Verb method = Verb::get;
    std::string_view path;   // target before '?'
    std::string_view query;  // after '?', raw
    std::string_view body;
    std::string_view authorization;
    std::string_view content_type;
    std::string client_ip;        // the peer, or the proxied client when the peer is trusted
    bool peer_trusted = false;    // the TCP peer is a --trusted-proxy (not a forwarded address)
    std::string_view proxy_user;  // X-Seckill-User, believed only from a trusted peer
    // Runs `then` after `delay` on the connection's thread (nginx-style limit_req delay)
    // without blocking it. The request stays valid until the response is sent.
    struct Deferrer {
        virtual ~Deferrer() = default;
        virtual void defer(std::chrono::milliseconds delay, std::function<void()> then) = 0;
    };
    Deferrer* deferrer = nullptr;
};

struct Response {
    int status = 200;
    std::string body;
    int retry_after_s = 0;          // > 0 adds Retry-After
    std::string_view allow;         // for 405: the methods the route takes
    bool bearer_challenge = false;  // for 401: WWW-Authenticate: Bearer (RFC 6750)
    std::string_view content_type = "application/json";
};

// Sends the response; callable once, from any thread (buys settle on the committer's).
using Responder = std::function<void(Response&&)>;

}  // namespace seckill::node::http
